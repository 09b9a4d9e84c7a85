using System.Buffers.Binary;
using System.Text;

namespace WebsocketProxy.Protocol;

/// <summary>Reads the little-endian, length-prefixed fields of a protocol record; any overrun is a <see cref="ProtocolException"/>.</summary>
internal ref struct WireReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    /// <summary>Starts reading at the beginning of <paramref name="buffer"/>.</summary>
    /// <param name="buffer">One record.</param>
    public WireReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _buffer.Length - _position;

    /// <summary>Reads one byte.</summary>
    /// <returns>The byte.</returns>
    public byte ReadByte() => Take(1)[0];

    /// <summary>Reads a little-endian 32-bit integer.</summary>
    /// <returns>The value.</returns>
    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    /// <summary>Reads a little-endian 64-bit integer.</summary>
    /// <returns>The value.</returns>
    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    /// <summary>Reads a string: its UTF-8 length (<c>i32</c>), then its bytes, which must be valid UTF-8.</summary>
    /// <returns>The string.</returns>
    public string ReadString()
    {
        var length = ReadInt32();
        if (length < 0 || length > Remaining)
        {
            throw new ProtocolException($"A string of {length} bytes does not fit in the {Remaining} bytes left.");
        }

        try
        {
            return Strict.GetString(Take(length));
        }
        catch (DecoderFallbackException ex)
        {
            throw new ProtocolException("A string is not valid UTF-8: " + ex.Message);
        }
    }

    /// <summary>
    /// Reads the item count of a list whose items take at least four bytes each (every list item is or starts with a
    /// 32-bit field), so that no one sizes an array from a count the record cannot hold.
    /// </summary>
    /// <param name="max">The most items the list may have.</param>
    /// <returns>The count.</returns>
    public int ReadCount(int max)
    {
        var count = ReadInt32();
        if (count < 0 || count > max)
        {
            throw new ProtocolException($"A count of {count} is outside 0..{max}.");
        }

        if (count > Remaining / 4)
        {
            throw new ProtocolException($"A count of {count} items cannot fit in the {Remaining} bytes left.");
        }

        return count;
    }

    /// <summary>Reads a byte string: its length (<c>i32</c>, at most <paramref name="max"/>), then its bytes.</summary>
    /// <param name="max">The most bytes it may have.</param>
    /// <returns>The bytes, a slice of the record.</returns>
    public ReadOnlySpan<byte> ReadBytes(int max)
    {
        var length = ReadInt32();
        if (length < 0 || length > max)
        {
            throw new ProtocolException($"A byte string of {length} bytes is outside 0..{max}.");
        }

        return Take(length);
    }

    /// <summary>Reads every byte left.</summary>
    /// <returns>The bytes, a slice of the record.</returns>
    public ReadOnlySpan<byte> ReadRest() => Take(Remaining);

    /// <summary>Throws a <see cref="ProtocolException"/> when bytes are left: a record holds nothing after its fields.</summary>
    public readonly void EnsureEnd()
    {
        if (Remaining != 0)
        {
            throw new ProtocolException($"{Remaining} unexpected bytes follow the record.");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw new ProtocolException($"The record ends early: {count} bytes needed, {Remaining} left.");
        }

        var span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
