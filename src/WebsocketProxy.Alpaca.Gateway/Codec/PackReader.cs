using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace WebsocketProxy.Alpaca.Gateway.Codec;

/// <summary>
/// A forward-only cursor over MessagePack bytes that reads headers and raw bytes and checks every length against
/// what is left, so a truncated or lying header becomes a <see cref="FormatException"/> at its byte, never a read
/// past the input or a loop over a count the input cannot hold.
/// </summary>
internal ref struct PackReader
{
    /// <summary>Deepest nesting of maps and arrays read; Alpaca's messages are two levels deep (an order book's levels).</summary>
    public const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _data;

    public PackReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        Position = 0;
    }

    /// <summary>Bytes read so far.</summary>
    public int Position { get; private set; }

    public readonly bool End => Position >= _data.Length;

    public byte ReadCode()
    {
        if (Position >= _data.Length)
        {
            ThrowTruncated(Position);
        }

        return _data[Position++];
    }

    public readonly byte PeekCode()
    {
        if (Position >= _data.Length)
        {
            ThrowTruncated(Position);
        }

        return _data[Position];
    }

    public ReadOnlySpan<byte> ReadBytes(int length)
    {
        if (length > _data.Length - Position)
        {
            ThrowTruncated(_data.Length);
        }

        var bytes = _data.Slice(Position, length);
        Position += length;
        return bytes;
    }

    /// <summary>A big-endian unsigned field of 1, 2, 4 or 8 bytes.</summary>
    public ulong ReadUnsigned(int size)
    {
        var field = ReadBytes(size);
        return size switch
        {
            1 => field[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(field),
            4 => BinaryPrimitives.ReadUInt32BigEndian(field),
            _ => BinaryPrimitives.ReadUInt64BigEndian(field),
        };
    }

    /// <summary>A big-endian signed field of 1, 2, 4 or 8 bytes, sign-extended.</summary>
    public long ReadSigned(int size)
    {
        var bits = ReadUnsigned(size);
        var shift = 64 - (size * 8);
        return (long)(bits << shift) >> shift;
    }

    /// <summary>The length field of a string, binary or extension: at most what is left of the input.</summary>
    public int ReadLength(int size)
    {
        var start = Position;
        var length = ReadUnsigned(size);
        if (length > (ulong)(_data.Length - Position))
        {
            ThrowTruncated(start);
        }

        return (int)length;
    }

    /// <summary>
    /// The count of an array (<paramref name="bytesPerItem"/> 1) or map (2) header: each item takes at least a
    /// byte, so a count the rest of the input cannot hold is truncation, found before any item is read.
    /// </summary>
    public int ReadCount(int size, int bytesPerItem)
    {
        var start = Position;
        var count = ReadUnsigned(size);
        if (count > (ulong)(_data.Length - Position) / (ulong)bytesPerItem)
        {
            ThrowTruncated(start);
        }

        return (int)count;
    }

    /// <summary>The count of a map header at the cursor.</summary>
    public int ReadMapHeader()
    {
        var code = ReadCode();
        return code switch
        {
            >= 0x80 and <= 0x8f => CheckCount(code & 0x0f, 2),
            0xde => ReadCount(2, 2),
            0xdf => ReadCount(4, 2),
            _ => ThrowUnexpected<int>(code, Position - 1, "a map"),
        };
    }

    /// <summary>The count of an array header at the cursor.</summary>
    public int ReadArrayHeader()
    {
        var code = ReadCode();
        return code switch
        {
            >= 0x90 and <= 0x9f => CheckCount(code & 0x0f, 1),
            0xdc => ReadCount(2, 1),
            0xdd => ReadCount(4, 1),
            _ => ThrowUnexpected<int>(code, Position - 1, "an array"),
        };
    }

    /// <summary>Whether the value at the cursor is a string, and if so its UTF-8 bytes (the cursor moves past it).</summary>
    public bool TryReadString(out ReadOnlySpan<byte> utf8)
    {
        var code = PeekCode();
        int length;
        switch (code)
        {
            case >= 0xa0 and <= 0xbf:
                Position++;
                length = code & 0x1f;
                break;
            case >= 0xd9 and <= 0xdb:
                Position++;
                length = ReadLength(1 << (code - 0xd9));
                break;
            default:
                utf8 = default;
                return false;
        }

        utf8 = ReadBytes(length);
        return true;
    }

    /// <summary>Moves past one whole value, however deep, without recursion.</summary>
    public void Skip()
    {
        // Values still to skip: a container adds its items to the count instead of being entered recursively.
        long pending = 1;
        while (pending > 0)
        {
            pending--;
            var code = ReadCode();
            switch (code)
            {
                case <= 0x7f or >= 0xe0 or 0xc0 or 0xc2 or 0xc3:
                    break;
                case <= 0x8f:
                    pending += 2L * CheckCount(code & 0x0f, 2);
                    break;
                case <= 0x9f:
                    pending += CheckCount(code & 0x0f, 1);
                    break;
                case <= 0xbf:
                    ReadBytes(code & 0x1f);
                    break;
                case 0xc1:
                    ThrowNeverUsed(Position - 1);
                    break;
                case 0xc4 or 0xc5 or 0xc6:
                    ReadBytes(ReadLength(1 << (code - 0xc4)));
                    break;
                case 0xc7 or 0xc8 or 0xc9:
                    var extension = ReadLength(1 << (code - 0xc7));
                    ReadBytes(1 + extension);
                    break;
                case 0xca:
                    ReadBytes(4);
                    break;
                case 0xcb:
                    ReadBytes(8);
                    break;
                case >= 0xcc and <= 0xcf:
                    ReadBytes(1 << (code - 0xcc));
                    break;
                case >= 0xd0 and <= 0xd3:
                    ReadBytes(1 << (code - 0xd0));
                    break;
                case >= 0xd4 and <= 0xd8:
                    ReadBytes(1 + (1 << (code - 0xd4)));
                    break;
                case >= 0xd9 and <= 0xdb:
                    ReadBytes(ReadLength(1 << (code - 0xd9)));
                    break;
                case 0xdc or 0xdd:
                    pending += ReadCount(code == 0xdc ? 2 : 4, 1);
                    break;
                default:
                    pending += 2L * ReadCount(code == 0xde ? 2 : 4, 2);
                    break;
            }
        }
    }

    /// <summary>A fixed-form count, checked like a read one.</summary>
    public readonly int CheckCount(int count, int bytesPerItem)
    {
        if (count > (_data.Length - Position) / bytesPerItem)
        {
            ThrowTruncated(Position - 1);
        }

        return count;
    }

    [DoesNotReturn]
    public static void ThrowTruncated(int position) =>
        throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"The MessagePack value is truncated: the input ends before the value that starts or continues at byte {position} does."));

    [DoesNotReturn]
    public static void ThrowNeverUsed(int position) =>
        throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Byte 0xc1 at {position} is not MessagePack (the code is never used)."));

    [DoesNotReturn]
    public static void ThrowTooDeep(int position) =>
        throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"The MessagePack value nests maps and arrays more than {MaxDepth} deep (at byte {position})."));

    [DoesNotReturn]
    public static T ThrowUnexpected<T>(byte code, int position, string expected) =>
        throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Expected {expected} at byte {position}, found code 0x{code:x2}."));
}
