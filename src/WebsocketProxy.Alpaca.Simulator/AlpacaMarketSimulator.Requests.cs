using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using WebsocketProxy.Alpaca.Simulator.Connections;
using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator;

public sealed partial class AlpacaMarketSimulator
{
    private const string MessagePackContentType = "application/msgpack";

    private static async Task HandleRequestAsync(SimulatorState state, HttpContext context)
    {
        var endpoint = StreamEndpoint.Find(context.Request.Path.Value ?? string.Empty);
        if (endpoint is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("This endpoint only accepts WebSocket connections.", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        // The real service switches both directions to MessagePack when the handshake asks for it.
        var messagePack = context.Request.ContentType?.Contains(MessagePackContentType, StringComparison.OrdinalIgnoreCase) == true;
        // The real service pings its clients; one that does not answer within PingTimeout is dropped.
        var accept = new WebSocketAcceptContext
        {
            KeepAliveInterval = state.Options.PingInterval,
            KeepAliveTimeout = state.Options.PingInterval > TimeSpan.Zero ? state.Options.PingTimeout : Timeout.InfiniteTimeSpan,
        };
        using var socket = await context.WebSockets.AcceptWebSocketAsync(accept).ConfigureAwait(false);
        var connection = new SimulatorConnection(state, endpoint, socket, context, messagePack);
        state.Registry.Add(connection);
        try
        {
            await connection.RunAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // A client that vanished mid-session is normal for this server.
        }
        finally
        {
            state.Registry.Remove(connection);
        }
    }
}
