using System.Buffers.Binary;

namespace WebsocketProxy.Alpaca;

public readonly partial struct AlpacaTimestamp
{
    /// <summary>The MessagePack extension type code of timestamps, which Alpaca sends for <c>t</c> over MessagePack.</summary>
    public const sbyte MessagePackExtensionType = -1;

    /// <summary>
    /// Reads the body of a MessagePack timestamp extension (type -1): 4 bytes (uint32 seconds), 8 bytes
    /// (30-bit nanoseconds and 34-bit seconds) or 12 bytes (uint32 nanoseconds, int64 seconds), big-endian.
    /// </summary>
    /// <exception cref="FormatException">The body has another length or an out-of-range value.</exception>
    public static AlpacaTimestamp FromMessagePackExtension(ReadOnlySpan<byte> extensionBody)
    {
        long seconds;
        long nanoseconds;
        switch (extensionBody.Length)
        {
            case 4:
                seconds = BinaryPrimitives.ReadUInt32BigEndian(extensionBody);
                nanoseconds = 0;
                break;
            case 8:
                var packed = BinaryPrimitives.ReadUInt64BigEndian(extensionBody);
                nanoseconds = (long)(packed >> 34);
                seconds = (long)(packed & 0x3_FFFF_FFFFUL);
                break;
            case 12:
                nanoseconds = BinaryPrimitives.ReadUInt32BigEndian(extensionBody);
                seconds = BinaryPrimitives.ReadInt64BigEndian(extensionBody[4..]);
                break;
            default:
                throw new FormatException($"A MessagePack timestamp has 4, 8 or 12 bytes, not {extensionBody.Length}.");
        }

        if (nanoseconds >= NanosecondsPerSecond || seconds is < MinUnixSeconds or > MaxUnixSeconds)
        {
            throw new FormatException("The MessagePack timestamp is out of range.");
        }

        return new AlpacaTimestamp(seconds, (int)nanoseconds, 0);
    }

    /// <summary>
    /// Writes the body of a MessagePack timestamp extension (type -1) in its smallest form (4, 8 or 12 bytes).
    /// The offset is not kept: MessagePack timestamps are UTC.
    /// </summary>
    public bool TryWriteMessagePackExtension(Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (_unixSeconds >> 34 == 0)
        {
            if (_nanoseconds == 0 && _unixSeconds <= uint.MaxValue)
            {
                if (!BinaryPrimitives.TryWriteUInt32BigEndian(destination, (uint)_unixSeconds))
                {
                    return false;
                }

                bytesWritten = 4;
                return true;
            }

            if (!BinaryPrimitives.TryWriteUInt64BigEndian(destination, ((ulong)_nanoseconds << 34) | (ulong)_unixSeconds))
            {
                return false;
            }

            bytesWritten = 8;
            return true;
        }

        if (destination.Length < 12)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)_nanoseconds);
        BinaryPrimitives.WriteInt64BigEndian(destination[4..], _unixSeconds);
        bytesWritten = 12;
        return true;
    }
}
