namespace WebsocketProxy.Ipc;

public sealed unsafe partial class BroadcastWriter
{
    /// <summary>Publishes one message; readers see it at once, sleepers after <see cref="Flush"/>.</summary>
    /// <param name="message">The bytes; at most <see cref="MaxMessageLength"/>.</param>
    /// <returns>The message's sequence number.</returns>
    public long Publish(ReadOnlySpan<byte> message) => Publish(message, default);

    /// <summary>Publishes <paramref name="header"/> followed by <paramref name="body"/> as one message, copied straight into the ring.</summary>
    /// <param name="header">First part of the message.</param>
    /// <param name="body">Second part of the message.</param>
    /// <returns>The message's sequence number.</returns>
    /// <exception cref="ArgumentException">The message is longer than <see cref="MaxMessageLength"/>.</exception>
    public long Publish(ReadOnlySpan<byte> header, ReadOnlySpan<byte> body)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var total = (long)header.Length + body.Length;
        if (total > MaxMessageLength)
        {
            throw new ArgumentException($"A message is at most {MaxMessageLength} bytes on this ring; got {total}.", nameof(body));
        }

        var sequence = _published;
        var length = (int)total;
        if (length <= _maxRecordPayload)
        {
            WriteRecord(BroadcastLayout.TypeData, sequence, length, header, body, 0, length);
        }
        else
        {
            for (var offset = 0; offset < length; offset += _maxRecordPayload)
            {
                var part = Math.Min(_maxRecordPayload, length - offset);
                var type = offset == 0 ? BroadcastLayout.TypeFirst
                    : offset + part == length ? BroadcastLayout.TypeLast
                    : BroadcastLayout.TypeMiddle;
                WriteRecord(type, sequence, length, header, body, offset, part);
            }
        }

        _published = sequence + 1;
        PublishTail();
        return sequence;
    }

    /// <summary>Wakes readers sleeping in <see cref="BroadcastReader.WaitForData"/>; a fence and a read when nobody sleeps. Call once per batch.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _events.Notify(_waker);
    }

    private void WriteRecord(int type, long sequence, int messageLength, ReadOnlySpan<byte> header, ReadOnlySpan<byte> body, int offset, int length)
    {
        var size = BroadcastLayout.AlignRecord(BroadcastLayout.RecordHeaderSize + (long)length);
        var index = _position & _mask;
        if (index + size > _capacity)
        {
            // Pad to the end so every payload is contiguous.
            var padding = _capacity - index;
            RaiseFence(_position + padding);
            var pad = (BroadcastRecordHeader*)(_data + index);
            pad->Sequence = sequence;
            pad->Length = (int)(padding - BroadcastLayout.RecordHeaderSize);
            pad->Type = BroadcastLayout.TypePadding;
            pad->MessageLength = 0;
            Volatile.Write(ref pad->Commit, BroadcastLayout.CommitWord(_position, _commitMask));
            _position += padding;
            index = 0;
        }

        RaiseFence(_position + size);
        var record = (BroadcastRecordHeader*)(_data + index);
        record->Sequence = sequence;
        record->Length = length;
        record->Type = type;
        record->MessageLength = messageLength;
        CopyGather(header, body, offset, new Span<byte>(record + 1, length));
        _beforeCommit?.Invoke();
        Volatile.Write(ref record->Commit, BroadcastLayout.CommitWord(_position, _commitMask));
        _position += size;
    }

    /// <summary>Announces, before touching them, the bytes up to <paramref name="end"/> (rounded up to a chunk).</summary>
    private void RaiseFence(long end)
    {
        if (end <= _fence)
        {
            return;
        }

        _fence = (end + _chunkSize - 1) & ~(long)(_chunkSize - 1);
        Volatile.Write(ref *(long*)(_header + BroadcastLayout.FenceOffset), _fence);
        // The fence must be visible before any overwrite it announces. A release store alone lets later stores move
        // ahead of it (in the JIT, and in hardware on weak memory); a full barrier once per chunk costs nothing.
        Interlocked.MemoryBarrier();
    }

    /// <summary>Publishes (position, sequence) into the spare slot, then flips the index.</summary>
    private void PublishTail()
    {
        var next = _tailIndex + 1;
        var slot = (long*)(_header + BroadcastLayout.TailSlotsOffset + ((next & 1) * 16));
        // Release stores keep the previous index flip ahead of these slot stores on weak memory.
        Volatile.Write(ref slot[0], _position);
        Volatile.Write(ref slot[1], _published);
        Volatile.Write(ref *(long*)(_header + BroadcastLayout.TailIndexOffset), next);
        _tailIndex = next;
    }

    private static void CopyGather(ReadOnlySpan<byte> header, ReadOnlySpan<byte> body, int offset, Span<byte> destination)
    {
        if (offset < header.Length)
        {
            var count = Math.Min(destination.Length, header.Length - offset);
            header.Slice(offset, count).CopyTo(destination);
            destination = destination[count..];
            offset = 0;
        }
        else
        {
            offset -= header.Length;
        }

        if (destination.Length > 0)
        {
            body.Slice(offset, destination.Length).CopyTo(destination);
        }
    }
}
