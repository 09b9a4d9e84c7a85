using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using WebsocketProxy.Alpaca.Simulator.Connections;

namespace WebsocketProxy.Alpaca.Simulator.Hosting;

/// <summary>
/// Kestrel connection middleware behind the "silent" fault: while the gate is shut, no byte is read from or
/// written to any TCP connection (WebSocket frames, pings, pongs, closes and new handshakes alike), yet every
/// socket stays open, as with a hung server or a half-open link. Kestrel's own end of a connection (its FIN)
/// also waits for the gate.
/// </summary>
internal static class GatedTransport
{
    public static Func<ConnectionDelegate, ConnectionDelegate> Middleware(AsyncGate gate) => next => async connection =>
    {
        var transport = connection.Transport;
        var output = new GatedPipeWriter(transport.Output, gate);
        connection.Transport = new GatedDuplexPipe(new GatedPipeReader(transport.Input, gate), output);

        // A session finds its transport here (IConnectionItemsFeature) to end it with a FIN (see EndAsync).
        connection.Items[typeof(GatedPipeWriter)] = output;
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            // The socket closes when this returns: a silent server closes nothing.
            await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    };

    private sealed record GatedDuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
