using System.IO.Pipelines;
using WebsocketProxy.Alpaca.Simulator.Connections;

namespace WebsocketProxy.Alpaca.Simulator.Hosting;

/// <summary>A transport writer that sends nothing while its gate is shut (see <see cref="GatedTransport"/>).</summary>
internal sealed class GatedPipeWriter(PipeWriter inner, AsyncGate gate) : PipeWriter
{
    private readonly Lock _lock = new();
    private byte[] _discard = [];
    private bool _ended;

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes;

    /// <summary>
    /// Ends the TCP connection after what was flushed (a FIN, so nothing already sent is lost to a reset), with
    /// no WebSocket close: everything written afterwards is discarded.
    /// </summary>
    public async Task EndAsync()
    {
        await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        lock (_lock)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
        }

        await inner.CompleteAsync().ConfigureAwait(false);
    }

    public override async ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_ended)
        {
            return new FlushResult(isCanceled: false, isCompleted: true);
        }

        return await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Advance(int bytes)
    {
        if (!_ended)
        {
            inner.Advance(bytes);
        }
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => _ended ? Discard(sizeHint) : inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => _ended ? Discard(sizeHint).Span : inner.GetSpan(sizeHint);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null)
    {
        if (_ended)
        {
            return;
        }

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
        if (_ended)
        {
            return;
        }

        await inner.CompleteAsync(exception).ConfigureAwait(false);
    }

    private async Task CompleteWhenOpenAsync(Exception? exception)
    {
        await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        if (!_ended)
        {
            inner.Complete(exception);
        }
    }

    private Memory<byte> Discard(int sizeHint)
    {
        if (_discard.Length < Math.Max(sizeHint, 4096))
        {
            _discard = new byte[Math.Max(sizeHint, 4096)];
        }

        return _discard;
    }
}
