using System.Runtime.Intrinsics.X86;

namespace WebsocketProxy.Ipc;

// Zero-copy reads: the caller looks at a record where it lies, and learns afterwards whether what it saw counts.
public sealed unsafe partial class BroadcastReader
{
    private const int BatchPrefetchDistance = 1024;

    private bool _visiting;

    /// <summary>
    /// Hands the next message to <paramref name="visitor"/> where it lies in the mapping (a message longer than one
    /// record is reassembled first, and that copy is handed over), then checks that the writer did not overwrite it
    /// during the visit. Only a <see cref="ReadStatus.Message"/> result makes the visit count: on any other status,
    /// whatever the visitor saw may be torn and must be dropped (the message is counted in <see cref="Lost"/>).
    /// The visitor may read the first bytes and ignore the rest: skipping a message costs no copy.
    /// </summary>
    /// <typeparam name="TState">The visitor's state.</typeparam>
    /// <param name="state">Passed to the visitor by reference.</param>
    /// <param name="visitor">Called at most once; it must not call this reader. Its return value is ignored here.</param>
    /// <returns>The outcome, as <see cref="TryRead(System.Buffers.IBufferWriter{byte})"/> reports it (<see cref="ReadResult.Length"/> is the message's length).</returns>
    /// <exception cref="InvalidOperationException">Called from inside a visitor of this reader.</exception>
    public ReadResult TryRead<TState>(ref TState state, BroadcastVisitor<TState> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        ObjectDisposedException.ThrowIf(_disposed, this);
        EnterVisit();
        try
        {
            return VisitOne(ref state, visitor, out _);
        }
        finally
        {
            _visiting = false;
        }
    }

    /// <summary>
    /// Hands up to <paramref name="maxMessages"/> messages to <paramref name="visitor"/> where they lie, one after the
    /// other, then checks once, for all of them, that the writer did not overwrite any of them meanwhile: one check of
    /// the claim fence per batch instead of one per message. The batch ends early when the ring is empty, when the
    /// visitor returns false, or before anything unusual (a fragmented message, damage), which the next call handles.
    /// </summary>
    /// <typeparam name="TState">The visitor's state.</typeparam>
    /// <param name="state">Passed to the visitor by reference.</param>
    /// <param name="visitor">Called once per message; it must not call this reader.</param>
    /// <param name="maxMessages">Most messages to visit in this call (at least 1).</param>
    /// <returns>
    /// <see cref="ReadStatus.Message"/> with <see cref="BatchReadResult.Count"/> when every visit counts. Any other
    /// status means no visit of this call counts (they are counted as lost): stage what the visitor finds, act on it
    /// only after a <see cref="ReadStatus.Message"/>.
    /// </returns>
    /// <exception cref="InvalidOperationException">Called from inside a visitor of this reader.</exception>
    public BatchReadResult TryReadBatch<TState>(ref TState state, BroadcastVisitor<TState> visitor, int maxMessages)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessages);
        ObjectDisposedException.ThrowIf(_disposed, this);
        EnterVisit();
        try
        {
            return VisitBatch(ref state, visitor, maxMessages);
        }
        finally
        {
            _visiting = false;
        }
    }

    private void EnterVisit()
    {
        ThrowIfVisiting();
        _visiting = true;
    }

    private void ThrowIfVisiting()
    {
        if (_visiting)
        {
            throw new InvalidOperationException("A broadcast visitor must not read from the reader that called it.");
        }
    }

    private ReadResult VisitOne<TState>(ref TState state, BroadcastVisitor<TState> visitor, out bool visited)
    {
        var begun = Begin(out var message, out var pendingSize);
        visited = begun.Status == ReadStatus.Message;
        if (!visited)
        {
            return begun;
        }

        visitor(ref state, begun.Sequence, message);
        return pendingSize == 0 ? begun : Finish(begun, pendingSize);
    }

    /// <summary>
    /// Visits whole single-record messages from the cursor on without moving it, then validates the stretch read with
    /// one fence read: the writer raises the fence past a position before it overwrites it, and the fence only grows,
    /// so a fence within a ring of the batch's start proves that nothing the batch read was overwritten. Anything
    /// else (fragments, padding that cannot be trusted, damage, empty) ends the stretch; at the stretch's start it goes
    /// to the one-record path, which reports it exactly as <see cref="TryRead(System.Buffers.IBufferWriter{byte})"/> does.
    /// </summary>
    private BatchReadResult VisitBatch<TState>(ref TState state, BroadcastVisitor<TState> visitor, int maxMessages)
    {
        if (_restarted)
        {
            return new BatchReadResult(ReadStatus.WriterRestarted, 0, 0);
        }

        var start = _cursor;
        var cursor = start;
        var expected = _nextSequence;
        var count = 0;
        while (count < maxMessages)
        {
            var index = cursor & _mask;
            var record = (BroadcastRecordHeader*)(_data + index);
            if (Volatile.Read(ref record->Commit) != BroadcastLayout.CommitWord(cursor, _commitMask))
            {
                break;
            }

            var type = record->Type;
            var length = record->Length;
            var sequence = record->Sequence;
            if (type == BroadcastLayout.TypePadding)
            {
                // Always lands on the next lap's first record, inside the mapping; the fence check covers the jump.
                cursor += _capacity - index;
                continue;
            }

            var size = BroadcastLayout.AlignRecord(BroadcastLayout.RecordHeaderSize + (long)length);
            if (type != BroadcastLayout.TypeData || (uint)length > (uint)_maxRecordPayload || index + size > _capacity
                || sequence < expected || (sequence > expected && sequence > ReadTail(_header).Sequence))
            {
                break;
            }

            if (Sse.IsSupported)
            {
                // Every line of the record as far ahead as the record is long: a record spans several lines, and one
                // prefetch per record left the others to arrive from the writer's cache one miss at a time.
                for (var ahead = cursor + BatchPrefetchDistance; ahead < cursor + BatchPrefetchDistance + size; ahead += 64)
                {
                    Sse.Prefetch0(_data + (ahead & _mask));
                }
            }

            cursor += size;
            expected = sequence + 1;
            count++;
            if (!visitor(ref state, sequence, new ReadOnlySpan<byte>(record + 1, length)))
            {
                break;
            }
        }

        if (cursor == start)
        {
            return FromOne(VisitOne(ref state, visitor, out var visited), visited);
        }

        var fence = ReadFence();
        if (fence - start > _capacity)
        {
            return Dropped(Resynchronize(), count);
        }

        if (fence < cursor)
        {
            return Dropped(Corrupted(start, $"claim fence {fence} below the end {cursor} of records already committed"), count);
        }

        var gaps = expected - _nextSequence - count;
        _cursor = cursor;
        if (count == 0)
        {
            // Only padding was skipped: go on with what follows it.
            return FromOne(VisitOne(ref state, visitor, out var visitedAfterPadding), visitedAfterPadding);
        }

        _assemblySequence = -1;
        _lost += gaps;
        _received += count;
        _nextSequence = expected;
        return new BatchReadResult(ReadStatus.Message, count, gaps);
    }

    private static BatchReadResult FromOne(ReadResult one, bool visited) => new(one.Status, visited ? 1 : 0, one.LostCount);

    /// <summary>A failed batch check: the visits are reported with the status so the caller drops them.</summary>
    private static BatchReadResult Dropped(ReadResult why, int visited) => new(why.Status, visited, why.LostCount);
}
