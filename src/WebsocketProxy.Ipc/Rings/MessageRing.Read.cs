using System.Buffers;
using System.Runtime.InteropServices;

namespace WebsocketProxy.Ipc;

public sealed unsafe partial class MessageRing
{
    private long _readCount;

    /// <summary>
    /// Takes the next message. Consumer side only. Bytes that do not form a valid record are skipped up to the next
    /// valid record (or the tail) and reported once as <see cref="ReadStatus.Corrupt"/> with the skipped byte count
    /// in <see cref="ReadResult.LostCount"/>; reading then carries on normally.
    /// </summary>
    /// <param name="destination">Receives the message bytes; nothing is committed to it unless the status is <see cref="ReadStatus.Message"/>.</param>
    /// <returns><see cref="ReadStatus.Message"/>, <see cref="ReadStatus.Empty"/> or <see cref="ReadStatus.Corrupt"/>.</returns>
    public ReadResult TryRead(IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var head = Head;
        // The producer realigns a damaged, off-grid tail before writing, so read up to where it will write.
        var tail = MessageRingLayout.AlignRecord(Tail);
        if (head == tail)
        {
            return ReadResult.Empty;
        }

        var available = tail - head;
        if (available < 0 || available > _capacity || (head & (MessageRingLayout.RecordAlignment - 1)) != 0)
        {
            // The positions themselves are damaged: nothing between them can be trusted.
            SetHead(tail);
            return new ReadResult(ReadStatus.Corrupt, _readCount, Math.Clamp(available, 0, _capacity), 0);
        }

        if (TryValidate(head, available, out var length, out var size))
        {
            var target = destination.GetSpan(length)[..length];
            CopyOut(head + MessageRingLayout.RecordHeaderSize, target);
            if (MessageRecordHeader.ComputeChecksum(length, MessageRecordHeader.Tag(head), target) == ReadHeader(head).Checksum)
            {
                destination.Advance(length);
                Clear(head, size);
                SetHead(head + size);
                return new ReadResult(ReadStatus.Message, _readCount++, 0, length);
            }
        }

        return Resynchronize(head, tail);
    }

    /// <summary>Waits until <see cref="TryRead"/> has something. Consumer side only.</summary>
    /// <param name="timeout">Longest wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when data is ready; false on timeout.</returns>
    public bool WaitForData(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Waiting.WaitLoop.Wait(_dataWaker, _settings, this, static r => MessageRingLayout.AlignRecord(r.Tail) != r.Head, timeout, cancellationToken);
    }

    /// <summary>Finds the first position after <paramref name="head"/> holding a fully valid record.</summary>
    private ReadResult Resynchronize(long head, long tail)
    {
        var candidate = head + MessageRingLayout.RecordAlignment;
        for (; candidate < tail; candidate += MessageRingLayout.RecordAlignment)
        {
            if (TryValidate(candidate, tail - candidate, out var length, out _) && ChecksumMatches(candidate, length))
            {
                break;
            }
        }

        var next = Math.Min(candidate, tail);
        Clear(head, next - head);
        SetHead(next);
        return new ReadResult(ReadStatus.Corrupt, _readCount, next - head, 0);
    }

    private bool TryValidate(long position, long available, out int length, out long size)
    {
        length = 0;
        size = 0;
        if (available < MessageRingLayout.RecordHeaderSize)
        {
            return false;
        }

        var header = ReadHeader(position);
        if (header.Magic != MessageRingLayout.RecordMagic || header.PositionTag != MessageRecordHeader.Tag(position)
            || header.Length < 0 || header.Length > MaxMessageLength)
        {
            return false;
        }

        length = header.Length;
        size = MessageRingLayout.AlignRecord(MessageRingLayout.RecordHeaderSize + (long)length);
        return size <= available;
    }

    private bool ChecksumMatches(long position, int length)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var payload = buffer.AsSpan(0, length);
            CopyOut(position + MessageRingLayout.RecordHeaderSize, payload);
            return MessageRecordHeader.ComputeChecksum(length, MessageRecordHeader.Tag(position), payload) == ReadHeader(position).Checksum;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private MessageRecordHeader ReadHeader(long position)
    {
        MessageRecordHeader header = default;
        CopyOut(position, MemoryMarshal.AsBytes(new Span<MessageRecordHeader>(ref header)));
        return header;
    }

    /// <summary>
    /// Zeroes consumed bytes before the head moves past them: commands carry secrets (an open's prelude holds the API
    /// key and secret), and the ring file outlives the command by as long as the client runs. The consumer owns these
    /// bytes until <see cref="SetHead"/> publishes the new head (a release store), so the producer never sees the
    /// zeroes land on top of a newer record. The cost is a memset of what was just copied out, while its cache lines
    /// are still hot: small next to the copy and the CRC over the same bytes, and message rings carry commands and
    /// replies, not the market-data stream.
    /// </summary>
    private void Clear(long position, long length)
    {
        var index = (int)(position & _mask);
        var first = (int)Math.Min(length, _capacity - index);
        new Span<byte>(_data + index, first).Clear();
        new Span<byte>(_data, (int)(length - first)).Clear();
    }

    private void SetHead(long head)
    {
        Volatile.Write(ref *(long*)(_header + MessageRingLayout.HeadOffset), head);
        _spaceEvents.Notify(_waker);
    }
}
