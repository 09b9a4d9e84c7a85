using System.Runtime.InteropServices;

namespace WebsocketProxy.Ipc;

// How a reader notices it was overrun, corrupted or superseded, and where it resumes.
public sealed unsafe partial class BroadcastReader
{
    private static readonly bool StrongOrdering = RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86;

    private ReadResult NothingCommitted(long cursor)
    {
        if (IsOverwritten(cursor))
        {
            return Resynchronize();
        }

        if (Volatile.Read(ref *(int*)(_header + BroadcastLayout.StateOffset)) == BroadcastLayout.StateSuperseded)
        {
            _restarted = true;
            return new ReadResult(ReadStatus.WriterRestarted, _nextSequence, 0, 0);
        }

        return ReadResult.Empty;
    }

    /// <summary>True when the writer's claim fence shows it may have written over the record at <paramref name="cursor"/>.</summary>
    private bool IsOverwritten(long cursor)
    {
        if (!StrongOrdering)
        {
            // The copy's loads must complete before the fence is read (load-load on weak memory).
            Interlocked.MemoryBarrier();
        }

        return Volatile.Read(ref *(long*)(_header + BroadcastLayout.FenceOffset)) - cursor > _capacity;
    }

    /// <summary>Jumps to the live tail and counts every message between our cursor and it as lost.</summary>
    private ReadResult Resynchronize()
    {
        var (position, sequence) = ReadTail();
        var lost = sequence - _nextSequence;
        _lost += lost;
        _nextSequence = sequence;
        _cursor = position;
        _assemblySequence = -1;
        return new ReadResult(ReadStatus.Lost, sequence, lost, 0);
    }

    private (long Position, long Sequence) ReadTail()
    {
        var indexPointer = (long*)(_header + BroadcastLayout.TailIndexOffset);
        while (true)
        {
            var index = Volatile.Read(ref *indexPointer);
            var slot = (long*)(_header + BroadcastLayout.TailSlotsOffset + ((index & 1) * 16));
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
        LastCorruption = $"Broadcast ring '{_path}' holds a malformed record at position {cursor} ({what}); skipped to the live tail.";
        return Resynchronize() with { Status = ReadStatus.Corrupt };
    }
}
