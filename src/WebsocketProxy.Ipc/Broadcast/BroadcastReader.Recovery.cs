using System.Runtime.InteropServices;

namespace WebsocketProxy.Ipc;

// How a reader notices it was overrun, corrupted or superseded, and where it resumes.
public sealed unsafe partial class BroadcastReader
{
    private static readonly bool StrongOrdering = RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86;

    private ReadResult NothingCommitted(long cursor)
    {
        var fence = ReadFence();
        if (fence - cursor > _capacity)
        {
            return Resynchronize();
        }

        if (fence < cursor && _stalledAt != cursor)
        {
            // The writer raises its fence before it writes, so a healthy reader is never past it: this position
            // came from damaged bytes, and waiting here would wait for ever.
            return Corrupted(cursor, $"reader position {cursor} is past the writer's claim fence {fence}");
        }

        if (Volatile.Read(ref *(int*)(_header + BroadcastLayout.StateOffset)) == BroadcastLayout.StateSuperseded)
        {
            _restarted = true;
            return new ReadResult(ReadStatus.WriterRestarted, _nextSequence, 0, 0);
        }

        return ReadResult.Empty;
    }

    /// <summary>True when the writer's claim fence shows it may have written over the record at <paramref name="cursor"/>.</summary>
    private bool IsOverwritten(long cursor) => ReadFence() - cursor > _capacity;

    private long ReadFence()
    {
        if (!StrongOrdering)
        {
            // The copy's loads must complete before the fence is read (load-load on weak memory).
            Interlocked.MemoryBarrier();
        }

        return Volatile.Read(ref *(long*)(_header + BroadcastLayout.FenceOffset));
    }

    /// <summary>Jumps to the live tail and counts every message between our cursor and it as lost.</summary>
    private ReadResult Resynchronize()
    {
        if (!TryReadValidTail(_header, _capacity, out var tail, out var why))
        {
            // Nowhere trustworthy to jump to: stay, say so once, and look again when the writer publishes.
            return Stalled(_cursor, tail, why!);
        }

        var status = ReadStatus.Lost;
        if (tail.Sequence < _nextSequence)
        {
            // A writer's tail never goes back, so the sequence this reader expects came from damaged bytes. Take the
            // writer's word for it, or a single damaged number would silence this reader until the writer caught up.
            LastCorruption = $"Broadcast ring '{_path}': this reader expected message {_nextSequence}, beyond the writer's {tail.Sequence} (damaged bytes were read); resumed at the writer's.";
            _nextSequence = tail.Sequence;
            status = ReadStatus.Corrupt;
        }

        var lost = tail.Sequence - _nextSequence;
        _lost += lost;
        _nextSequence = tail.Sequence;
        _cursor = tail.Position;
        _assemblySequence = -1;
        return new ReadResult(status, tail.Sequence, lost, 0);
    }

    /// <summary>
    /// Reads the (position, sequence) pair the writer published and checks that it can be the writer's: on the record
    /// grid, in range, and no further from the claim fence than the writer ever leaves it. Every record address a
    /// reader forms comes from a position checked here (then advanced by validated record sizes), so a damaged header
    /// can stall a reader but never make it read outside its mapping.
    /// </summary>
    private static bool TryReadValidTail(byte* header, long capacity, out (long Position, long Sequence) tail, out string? why)
    {
        tail = ReadTail(header);
        for (var attempt = 0; ; attempt++)
        {
            var fence = Volatile.Read(ref *(long*)(header + BroadcastLayout.FenceOffset));
            why = tail switch
            {
                { Position: < 0 or >= 1L << 62 } => $"tail position {tail.Position} is out of range",
                _ when (tail.Position & (BroadcastLayout.RecordAlignment - 1)) != 0 => $"tail position {tail.Position} is not on the {BroadcastLayout.RecordAlignment}-byte record grid",
                _ when tail.Sequence < 0 || tail.Sequence > tail.Position / BroadcastLayout.RecordHeaderSize =>
                    $"tail sequence {tail.Sequence} cannot follow position {tail.Position} (every message takes a record header)",
                _ when tail.Position > fence => $"tail position {tail.Position} is past the claim fence {fence}",
                _ when fence - tail.Position > capacity => $"tail position {tail.Position} is more than a ring behind the claim fence {fence}",
                _ => null,
            };
            if (why is null)
            {
                return true;
            }

            // Only the last check can fail for a healthy writer, and only if it lapped the ring between our two reads:
            // then its tail has moved too. A tail that stays put is damaged.
            var again = ReadTail(header);
            if (again == tail || attempt == 3)
            {
                return false;
            }

            tail = again;
        }
    }

    private static (long Position, long Sequence) ReadTail(byte* header)
    {
        var indexPointer = (long*)(header + BroadcastLayout.TailIndexOffset);
        while (true)
        {
            var index = Volatile.Read(ref *indexPointer);
            var slot = (long*)(header + BroadcastLayout.TailSlotsOffset + ((index & 1) * 16));
            var position = Volatile.Read(ref slot[0]);
            var sequence = Volatile.Read(ref slot[1]);
            if (!StrongOrdering)
            {
                Interlocked.MemoryBarrier();
            }

            if (Volatile.Read(ref *indexPointer) == index)
            {
                return (position, sequence);
            }
        }
    }

    /// <summary>A malformed record that was not overwritten: say so, count what is skipped as lost, resume at the tail.</summary>
    private ReadResult Corrupted(long cursor, string what)
    {
        var tail = ReadTail(_header);
        if (tail == _reportedAtTail)
        {
            // Damaged again before the writer published anything: the bytes between the tail and here are the ones
            // already reported (a malformed record where the writer writes next, say). Wait quietly for the writer
            // instead of reporting the same damage at every read.
            _stalledAt = cursor;
            _stalledTail = tail;
            return ReadResult.Empty;
        }

        var resync = Resynchronize();
        if (resync.Status != ReadStatus.Lost)
        {
            // The header's tail (or this reader's expectation) was damaged as well; that was reported instead.
            return resync;
        }

        _reportedAtTail = tail;
        LastCorruption = $"Broadcast ring '{_path}' holds a malformed record at position {cursor} ({what}); skipped to the live tail.";
        return resync with { Status = ReadStatus.Corrupt };
    }

    /// <summary>The reader cannot move on from <paramref name="cursor"/>: reported once as corrupt, then quietly empty until the writer publishes.</summary>
    private ReadResult Stalled(long cursor, (long Position, long Sequence) tail, string why)
    {
        if (_stalledAt == cursor)
        {
            return ReadResult.Empty;
        }

        _stalledAt = cursor;
        _stalledTail = tail;
        LastCorruption = $"Broadcast ring '{_path}' has a damaged header ({why}); the reader waits at position {cursor} until the writer publishes again.";
        return new ReadResult(ReadStatus.Corrupt, _nextSequence, 0, 0);
    }
}
