using System.IO.Pipelines;
using WebsocketProxy.Alpaca.Simulator.Connections;

namespace WebsocketProxy.Alpaca.Simulator.Hosting;

/// <summary>A transport writer that sends nothing while its gate is shut (see <see cref="GatedTransport"/>).</summary>
internal sealed class GatedPipeWriter(PipeWriter inner, AsyncGate gate) : PipeWriter
{
    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes;

    public override async ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Advance(int bytes) => inner.Advance(bytes);

    public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null)
    {
        if (gate.IsOpen)
        {
            inner.Complete(exception);
            return;
        }

        // Completing would flush what is buffered and end the stream: both wait for the gate.
        _ = CompleteWhenOpenAsync(exception);
    }

    public override async ValueTask CompleteAsync(Exception? exception = null)
    {
        await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        await inner.CompleteAsync(exception).ConfigureAwait(false);
    }

    private async Task CompleteWhenOpenAsync(Exception? exception)
    {
        await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        inner.Complete(exception);
    }
}
