using System.Buffers;
using System.Runtime.Intrinsics.X86;

namespace WebsocketProxy.Ipc;

public sealed unsafe partial class BroadcastReader
{
    private const int PrefetchDistance = 512;

    private byte[]? _assembly;
    private long _assemblySequence = -1;
    private int _assemblyLength;
    private int _assemblyExpected;

    /// <summary>
    /// Reads the next message into <paramref name="destination"/> (whole, reassembled from fragments), or reports
    /// that nothing is there, that this reader was overrun (and by how many messages), or that the writer restarted.
    /// A payload that may have been overwritten while it was copied is never handed out.
    /// </summary>
    /// <param name="destination">Receives the message bytes; nothing is written to it unless the status is <see cref="ReadStatus.Message"/>.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="InvalidOperationException">Called from inside a visitor of this reader.</exception>
    public ReadResult TryRead(IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfVisiting();
        var begun = Begin(out var message, out var pendingSize);
        if (begun.Status != ReadStatus.Message)
        {
            return begun;
        }

        message.CopyTo(destination.GetSpan(message.Length));
        var result = pendingSize == 0 ? begun : Finish(begun, pendingSize);
        if (result.Status == ReadStatus.Message)
        {
            destination.Advance(message.Length);
        }

        return result;
    }

    /// <summary>
    /// Finds the next message. A reassembled message is already checked and delivered (<paramref name="pendingSize"/>
    /// zero, <paramref name="message"/> over the reassembly buffer). A single-record message is returned in place and
    /// unchecked (<paramref name="message"/> over the mapping, <paramref name="pendingSize"/> its record's size): the
    /// caller reads it, then must call <see cref="Finish"/>, which decides whether what it read counts.
    /// </summary>
    private ReadResult Begin(out ReadOnlySpan<byte> message, out long pendingSize)
    {
        message = default;
        pendingSize = 0;
        if (_restarted)
        {
            return new ReadResult(ReadStatus.WriterRestarted, _nextSequence, 0, 0);
        }

        while (true)
        {
            var cursor = _cursor;
            var index = cursor & _mask;
            var record = (BroadcastRecordHeader*)(_data + index);
            if (Volatile.Read(ref record->Commit) != BroadcastLayout.CommitWord(cursor, _commitMask))
            {
                return NothingCommitted(cursor);
            }

            var type = record->Type;
            var length = record->Length;
            var sequence = record->Sequence;
            var messageLength = record->MessageLength;
            var size = BroadcastLayout.AlignRecord(BroadcastLayout.RecordHeaderSize + (long)length);
            if (type == BroadcastLayout.TypePadding)
            {
                if (IsOverwritten(cursor))
                {
                    return Resynchronize();
                }

                _cursor = cursor + (_capacity - index);
                continue;
            }

            if ((uint)length > (uint)_maxRecordPayload || index + size > _capacity || type < BroadcastLayout.TypeData || type > BroadcastLayout.TypeLast)
            {
                return IsOverwritten(cursor) ? Resynchronize() : Corrupted(cursor, $"record type {type}, length {length}");
            }

            var payload = new ReadOnlySpan<byte>(record + 1, length);
            if (Sse.IsSupported)
            {
                // Ask for the lines a few records ahead now: they come from the writer's cache, and overlapping those
                // transfers with this copy is what keeps a reader up with a fast writer.
                Sse.Prefetch0(_data + ((cursor + PrefetchDistance) & _mask));
            }

            if (type == BroadcastLayout.TypeData)
            {
                message = payload;
                pendingSize = size;
                return new ReadResult(ReadStatus.Message, sequence, 0, length);
            }

            if (!TryAssemble(type, sequence, messageLength, payload))
            {
                return IsOverwritten(cursor) ? Resynchronize() : Corrupted(cursor, $"fragment of message {sequence} does not fit its announced length {messageLength}");
            }

            if (CheckCopy(cursor, size) is { } tornFragment)
            {
                return tornFragment;
            }

            _cursor = cursor + size;
            if (type == BroadcastLayout.TypeLast && _assemblySequence == sequence)
            {
                _assemblySequence = -1;
                if (_assemblyLength != _assemblyExpected || IsImpossibleSequence(sequence))
                {
                    return Corrupted(cursor, $"message {sequence} reassembled to {_assemblyLength} of {_assemblyExpected} bytes, expected sequence {_nextSequence} or later");
                }

                message = _assembly.AsSpan(0, _assemblyLength);
                return Deliver(sequence, _assemblyLength);
            }
        }
    }

    /// <summary>
    /// After the caller read the in-place record <see cref="Begin"/> returned: delivers it when the writer cannot
    /// have overwritten it meanwhile, else resynchronises (the caller must then drop what it read).
    /// </summary>
    private ReadResult Finish(ReadResult begun, long size)
    {
        var cursor = _cursor;
        if (CheckCopy(cursor, size) is { } torn)
        {
            return torn;
        }

        if (IsImpossibleSequence(begun.Sequence))
        {
            return Corrupted(cursor, $"message {begun.Sequence} after {_nextSequence - 1}, writer at {ReadTail(_header).Sequence}");
        }

        _cursor = cursor + size;
        _assemblySequence = -1;
        return Deliver(begun.Sequence, begun.Length);
    }

    /// <summary>Copies a fragment into the reassembly buffer; fragments of a message whose start we missed are skipped.</summary>
    private bool TryAssemble(int type, long sequence, int messageLength, ReadOnlySpan<byte> payload)
    {
        if (type == BroadcastLayout.TypeFirst)
        {
            if (messageLength <= payload.Length || messageLength > _maxMessageLength)
            {
                return false;
            }

            if (_assembly is null || _assembly.Length < messageLength)
            {
                _assembly = new byte[Math.Max(messageLength, Math.Min(_maxMessageLength, (_assembly?.Length ?? 0) * 2))];
            }

            _assemblySequence = sequence;
            _assemblyExpected = messageLength;
            _assemblyLength = 0;
        }
        else if (sequence != _assemblySequence)
        {
            // Its first fragment was never seen; the sequence gap counts the message as lost when the next one arrives.
            return true;
        }

        if (_assemblyLength + payload.Length > _assemblyExpected)
        {
            return false;
        }

        payload.CopyTo(_assembly.AsSpan(_assemblyLength));
        _assemblyLength += payload.Length;
        return true;
    }

    /// <summary>
    /// A sequence before the next expected one, or (on a gap, rare) beyond what the writer has published: a writer
    /// publishes message n only after n-1 is in the tail, so a record numbered past the tail was damaged. Delivering
    /// it would move this reader's expectations past every real message and silence it for good.
    /// </summary>
    private bool IsImpossibleSequence(long sequence) =>
        sequence < _nextSequence || (sequence > _nextSequence && sequence > ReadTail(_header).Sequence);

    private ReadResult Deliver(long sequence, int length)
    {
        var gap = sequence - _nextSequence;
        _lost += gap;
        _nextSequence = sequence + 1;
        _received++;
        return new ReadResult(ReadStatus.Message, sequence, gap, length);
    }

    /// <summary>
    /// After a copy: null when it is good; a resynchronisation when the writer may have overwritten it; corrupt when the
    /// fence is below the record's end, which a writer never leaves it (it raises the fence before writing), so the
    /// fence cannot be trusted to reveal a torn copy.
    /// </summary>
    private ReadResult? CheckCopy(long cursor, long size)
    {
        var fence = ReadFence();
        if (fence - cursor > _capacity)
        {
            return Resynchronize();
        }

        return fence < cursor + size ? Corrupted(cursor, $"claim fence {fence} below the record's end {cursor + size}") : null;
    }

    private bool HasData()
    {
        if (_restarted)
        {
            return true;
        }

        var cursor = _cursor;
        if (_stalledAt == cursor)
        {
            // Stalled on damage already reported: only a new publication (or a restart) can change anything.
            return ReadTail(_header) != _stalledTail
                || Volatile.Read(ref *(int*)(_header + BroadcastLayout.StateOffset)) == BroadcastLayout.StateSuperseded;
        }

        var record = (BroadcastRecordHeader*)(_data + (cursor & _mask));
        var fence = ReadFence();
        return Volatile.Read(ref record->Commit) == BroadcastLayout.CommitWord(cursor, _commitMask)
            || fence - cursor > _capacity
            || fence < cursor
            || Volatile.Read(ref *(int*)(_header + BroadcastLayout.StateOffset)) == BroadcastLayout.StateSuperseded;
    }
}
