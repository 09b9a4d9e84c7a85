using System.Buffers.Binary;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

/// <summary>
/// The MessagePack timestamp extension (type -1), which Alpaca sends for <c>t</c> over MessagePack, for the
/// test's MessagePack field reader: body of 4 bytes (uint32 seconds), 8 bytes (30-bit nanoseconds and 34-bit
/// seconds) or 12 bytes (uint32 nanoseconds, int64 seconds), big-endian.
/// </summary>
internal static class MessagePackTimestamp
{
    public const sbyte ExtensionType = -1;

    public static AlpacaTimestamp Read(ReadOnlySpan<byte> body)
    {
        long seconds;
        long nanoseconds;
        switch (body.Length)
        {
            case 4:
                seconds = BinaryPrimitives.ReadUInt32BigEndian(body);
                nanoseconds = 0;
                break;
            case 8:
                var packed = BinaryPrimitives.ReadUInt64BigEndian(body);
                nanoseconds = (long)(packed >> 34);
                seconds = (long)(packed & 0x3_FFFF_FFFFUL);
                break;
            case 12:
                nanoseconds = BinaryPrimitives.ReadUInt32BigEndian(body);
                seconds = BinaryPrimitives.ReadInt64BigEndian(body[4..]);
                break;
            default:
                throw new FormatException($"A MessagePack timestamp has 4, 8 or 12 bytes, not {body.Length}.");
        }

        try
        {
            return AlpacaTimestamp.FromUnixTime(seconds, checked((int)nanoseconds));
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or OverflowException)
        {
            throw new FormatException("The MessagePack timestamp is out of range.", ex);
        }
    }

    /// <summary>Writes the body in its smallest form; the offset is not kept (MessagePack timestamps are UTC).</summary>
    public static int Write(AlpacaTimestamp timestamp, Span<byte> body)
    {
        var (seconds, nanoseconds) = (timestamp.UnixSeconds, timestamp.Nanosecond);
        if (seconds >> 34 != 0)
        {
            BinaryPrimitives.WriteUInt32BigEndian(body, (uint)nanoseconds);
            BinaryPrimitives.WriteInt64BigEndian(body[4..], seconds);
            return 12;
        }

        if (nanoseconds == 0 && seconds <= uint.MaxValue)
        {
            BinaryPrimitives.WriteUInt32BigEndian(body, (uint)seconds);
            return 4;
        }

        BinaryPrimitives.WriteUInt64BigEndian(body, ((ulong)nanoseconds << 34) | (ulong)seconds);
        return 8;
    }
}
