using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace WebsocketProxy.Streaming;

/// <summary>
/// Small MessagePack helpers for generated dispatchers and field readers: map and array headers, strings, and
/// skipping any value. Each reads at <c>position</c> in a span and moves it past what it read.
/// </summary>
public static class StreamMessagePack
{
    /// <summary>Reads a map header; <see langword="false"/> (nothing read) when the value is not a map.</summary>
    /// <exception cref="InvalidDataException">The header is cut short.</exception>
    public static bool TryReadMapHeader(ReadOnlySpan<byte> buffer, scoped ref int position, out int count) =>
        TryReadContainerHeader(buffer, ref position, 0x80, 0xde, out count);

    /// <summary>Reads an array header; <see langword="false"/> (nothing read) when the value is not an array.</summary>
    /// <exception cref="InvalidDataException">The header is cut short.</exception>
    public static bool TryReadArrayHeader(ReadOnlySpan<byte> buffer, scoped ref int position, out int count) =>
        TryReadContainerHeader(buffer, ref position, 0x90, 0xdc, out count);

    /// <summary>Reads a string's UTF-8 bytes; <see langword="false"/> (nothing read) when the value is not a string.</summary>
    /// <exception cref="InvalidDataException">The string is cut short.</exception>
    public static bool TryReadString(ReadOnlySpan<byte> buffer, scoped ref int position, out ReadOnlySpan<byte> utf8)
    {
        var code = At(buffer, position);
        int header;
        long length;
        switch (code)
        {
            case >= 0xa0 and <= 0xbf:
                (header, length) = (1, code & 0x1f);
                break;
            case 0xd9:
                (header, length) = (2, At(buffer, position + 1));
                break;
            case 0xda:
                (header, length) = (3, BinaryPrimitives.ReadUInt16BigEndian(Slice(buffer, position + 1, 2)));
                break;
            case 0xdb:
                (header, length) = (5, BinaryPrimitives.ReadUInt32BigEndian(Slice(buffer, position + 1, 4)));
                break;
            default:
                utf8 = default;
                return false;
        }

        utf8 = Slice(buffer, position + header, length);
        position += header + (int)length;
        return true;
    }

    /// <summary>Moves past one value of any type, nested maps and arrays included.</summary>
    /// <exception cref="InvalidDataException">The value is cut short or uses the unused format byte 0xc1.</exception>
    public static void Skip(ReadOnlySpan<byte> buffer, scoped ref int position)
    {
        // Values still to skip, counted across nesting (a map of n entries adds 2n, an array of n adds n): no
        // recursion, so no depth limit is needed, and every round consumes a byte, so hostile counts end at the
        // buffer's end.
        long pending = 1;
        while (pending > 0)
        {
            pending--;
            var code = At(buffer, position);
            long length;
            switch (code)
            {
                case <= 0x7f or >= 0xe0 or 0xc0 or 0xc2 or 0xc3:
                    position++;
                    continue;
                case >= 0x80 and <= 0x8f:
                    position++;
                    pending += 2L * (code & 0x0f);
                    continue;
                case >= 0x90 and <= 0x9f:
                    position++;
                    pending += code & 0x0f;
                    continue;
                case >= 0xa0 and <= 0xbf:
                    length = 1 + (code & 0x1f);
                    break;
                case 0xc4 or 0xd9:
                    length = 2 + (long)At(buffer, position + 1);
                    break;
                case 0xc5 or 0xda:
                    length = 3 + (long)BinaryPrimitives.ReadUInt16BigEndian(Slice(buffer, position + 1, 2));
                    break;
                case 0xc6 or 0xdb:
                    length = 5 + (long)BinaryPrimitives.ReadUInt32BigEndian(Slice(buffer, position + 1, 4));
                    break;
                case 0xc7:
                    length = 3 + (long)At(buffer, position + 1);
                    break;
                case 0xc8:
                    length = 4 + (long)BinaryPrimitives.ReadUInt16BigEndian(Slice(buffer, position + 1, 2));
                    break;
                case 0xc9:
                    length = 6 + (long)BinaryPrimitives.ReadUInt32BigEndian(Slice(buffer, position + 1, 4));
                    break;
                case 0xca or 0xce or 0xd2:
                    length = 5;
                    break;
                case 0xcb or 0xcf or 0xd3:
                    length = 9;
                    break;
                case 0xcc or 0xd0:
                    length = 2;
                    break;
                case 0xcd or 0xd1:
                    length = 3;
                    break;
                case 0xd4:
                    length = 3;
                    break;
                case 0xd5:
                    length = 4;
                    break;
                case 0xd6:
                    length = 6;
                    break;
                case 0xd7:
                    length = 10;
                    break;
                case 0xd8:
                    length = 18;
                    break;
                case 0xdc or 0xde:
                    var count16 = BinaryPrimitives.ReadUInt16BigEndian(Slice(buffer, position + 1, 2));
                    pending += code == 0xde ? 2L * count16 : count16;
                    length = 3;
                    break;
                case 0xdd or 0xdf:
                    var count32 = BinaryPrimitives.ReadUInt32BigEndian(Slice(buffer, position + 1, 4));
                    pending += code == 0xdf ? 2L * count32 : count32;
                    length = 5;
                    break;
                default:
                    throw new InvalidDataException($"The MessagePack format byte 0xc1 at byte {position} is never used.");
            }

            if (length > buffer.Length - position)
            {
                ThrowTruncated(position);
            }

            position += (int)length;
        }
    }

    private static bool TryReadContainerHeader(ReadOnlySpan<byte> buffer, scoped ref int position, byte fix, byte sixteen, out int count)
    {
        var code = At(buffer, position);
        if ((code & 0xf0) == fix)
        {
            count = code & 0x0f;
            position++;
            return true;
        }

        if (code == sixteen)
        {
            count = BinaryPrimitives.ReadUInt16BigEndian(Slice(buffer, position + 1, 2));
            position += 3;
            return true;
        }

        if (code == sixteen + 1)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(Slice(buffer, position + 1, 4));
            if (length > (uint)(buffer.Length - position))
            {
                // Each entry takes at least one byte.
                ThrowTruncated(position);
            }

            count = (int)length;
            position += 5;
            return true;
        }

        count = 0;
        return false;
    }

    private static byte At(ReadOnlySpan<byte> buffer, int index) =>
        (uint)index < (uint)buffer.Length ? buffer[index] : ThrowTruncated(index);

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> buffer, int start, long length)
    {
        if ((ulong)start + (ulong)length > (ulong)buffer.Length)
        {
            ThrowTruncated(start);
        }

        return buffer.Slice(start, (int)length);
    }

    [DoesNotReturn]
    private static byte ThrowTruncated(int position) =>
        throw new InvalidDataException($"The MessagePack data ends inside the value at byte {position}.");
}
