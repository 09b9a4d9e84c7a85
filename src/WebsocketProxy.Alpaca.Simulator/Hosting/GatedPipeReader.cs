using System.IO.Pipelines;
using WebsocketProxy.Alpaca.Simulator.Connections;

namespace WebsocketProxy.Alpaca.Simulator.Hosting;

/// <summary>A transport reader that hands nothing on while its gate is shut (see <see cref="GatedTransport"/>).</summary>
internal sealed class GatedPipeReader(PipeReader inner, AsyncGate gate) : PipeReader
{
    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var result = await inner.ReadAsync(cancellationToken).ConfigureAwait(false);

        // Bytes that arrived as the gate shut wait too, so silence takes effect at once.
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (!gate.IsOpen)
        {
            result = default;
            return false;
        }

        return inner.TryRead(out result);
    }

    public override void AdvanceTo(SequencePosition consumed) => inner.AdvanceTo(consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.AdvanceTo(consumed, examined);

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);
}
