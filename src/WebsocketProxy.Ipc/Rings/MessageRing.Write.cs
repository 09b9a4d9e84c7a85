using System.Runtime.InteropServices;

namespace WebsocketProxy.Ipc;

public sealed unsafe partial class MessageRing
{
    /// <summary>Test hook: runs after a record is copied and before the tail is published (simulates a producer dying mid-write).</summary>
    internal Action? BeforePublish { get; set; }

    /// <summary>Appends one message and wakes a sleeping consumer. Producer side only.</summary>
    /// <param name="message">The bytes; at most <see cref="MaxMessageLength"/>.</param>
    /// <returns>False when the ring has no room now (the caller decides whether to wait with <see cref="WaitForSpace"/> or fail).</returns>
    /// <exception cref="ArgumentException">The message is longer than <see cref="MaxMessageLength"/>.</exception>
    /// <exception cref="InvalidDataException">The ring's head and tail words are inconsistent (the memory was damaged).</exception>
    public bool TryWrite(ReadOnlySpan<byte> message)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (message.Length > MaxMessageLength)
        {
            throw new ArgumentException($"A message is at most {MaxMessageLength} bytes on this ring; got {message.Length}.", nameof(message));
        }

        var size = MessageRingLayout.AlignRecord(MessageRingLayout.RecordHeaderSize + (long)message.Length);
        // A tail off the record grid can only come from damaged memory; realign so the consumer's resync finds us.
        var tail = MessageRingLayout.AlignRecord(Tail);
        if (FreeBytes(tail) < size)
        {
            return false;
        }

        var header = new MessageRecordHeader
        {
            Magic = MessageRingLayout.RecordMagic,
            Length = message.Length,
            PositionTag = MessageRecordHeader.Tag(tail),
        };
        header.Checksum = MessageRecordHeader.ComputeChecksum(message.Length, header.PositionTag, message);
        CopyIn(tail, MemoryMarshal.AsBytes(new ReadOnlySpan<MessageRecordHeader>(in header)));
        CopyIn(tail + MessageRingLayout.RecordHeaderSize, message);
        BeforePublish?.Invoke();
        // Release: the record is complete before the consumer can see the new tail.
        Volatile.Write(ref *(long*)(_header + MessageRingLayout.TailOffset), tail + size);
        _dataEvents.Notify(_waker);
        return true;
    }

    /// <summary>Waits until a message of <paramref name="length"/> bytes fits. Producer side only.</summary>
    /// <param name="length">The message length to make room for.</param>
    /// <param name="timeout">Longest wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when it fits; false on timeout.</returns>
    public bool WaitForSpace(int length, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxMessageLength);
        var size = MessageRingLayout.AlignRecord(MessageRingLayout.RecordHeaderSize + (long)length);
        return Waiting.WaitLoop.Wait(
            _spaceWaker, _settings, (Ring: this, Size: size), static s => s.Ring.FreeBytes(s.Ring.Tail) >= s.Size, timeout, cancellationToken);
    }

    private long FreeBytes(long tail)
    {
        var used = tail - Head;
        if (used < 0 || used > _capacity)
        {
            throw new InvalidDataException($"Message ring '{Path}' has inconsistent positions (tail {tail}, head {Head}); its memory was damaged.");
        }

        return _capacity - used;
    }
}
