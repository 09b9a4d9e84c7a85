using System.Buffers.Binary;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>
/// The MessagePack timestamp extension (type -1) Alpaca sends for <c>t</c>: 4 bytes (uint32 seconds), 8 bytes
/// (30-bit nanoseconds above 34-bit seconds) or 12 bytes (uint32 nanoseconds, int64 seconds), big-endian. All
/// nine fraction digits are kept.
/// </summary>
internal static class MessagePackTimestamp
{
    public static AlpacaTimestamp Read(ReadOnlySpan<byte> data)
    {
        long seconds;
        uint nanoseconds;
        switch (data.Length)
        {
            case 8:
                var packed = BinaryPrimitives.ReadUInt64BigEndian(data);
                nanoseconds = (uint)(packed >> 34);
                seconds = (long)(packed & 0x3_FFFF_FFFFUL);
                break;
            case 4:
                seconds = BinaryPrimitives.ReadUInt32BigEndian(data);
                nanoseconds = 0;
                break;
            case 12:
                nanoseconds = BinaryPrimitives.ReadUInt32BigEndian(data);
                seconds = BinaryPrimitives.ReadInt64BigEndian(data[4..]);
                break;
            default:
                throw new AlpacaDecodeException($"A MessagePack timestamp has 4, 8 or 12 bytes, not {data.Length}.");
        }

        if (nanoseconds > 999_999_999)
        {
            throw new AlpacaDecodeException($"A MessagePack timestamp has {nanoseconds} nanoseconds, more than a second.");
        }

        try
        {
            return AlpacaTimestamp.FromUnixTime(seconds, (int)nanoseconds);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new AlpacaDecodeException($"The MessagePack timestamp {seconds}.{nanoseconds:D9} s is outside years 1-9999.", ex);
        }
    }
}
