using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>
/// <see cref="IAlpacaFieldReader"/> over one MessagePack map (the form Alpaca sends when asked for
/// <c>application/msgpack</c>: the JSON keys, timestamps as extension -1), read straight from the span.
/// MessagePack has no end tokens, so the reader keeps the remaining entry count of each open map or array on a
/// small stack. After the decoder returns, <see cref="Consumed"/> is the map's length in bytes.
/// </summary>
/// <remarks>
/// Hand-written rather than over MessagePack-CSharp's <c>MessagePackReader</c>: that reader works on a
/// <c>ReadOnlySequence&lt;byte&gt;</c> (a heap object per frame and segment checks on every read), while the
/// frame here is one span; the decode benchmarks (docs/benchmarks.md) show the difference.
/// </remarks>
internal ref partial struct MessagePackFieldReader : IAlpacaFieldReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly AlpacaDecodeContext _context;
    private int _position;
    private CountStack _remaining;
    private int _depth;

    /// <summary>Reads the message that starts at the beginning of <paramref name="buffer"/>.</summary>
    public MessagePackFieldReader(ReadOnlySpan<byte> buffer, AlpacaDecodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _buffer = buffer;
        _context = context;
    }

    /// <summary>How many bytes have been read: after a whole message, its length.</summary>
    public readonly int Consumed => _position;

    /// <inheritdoc />
    public bool BeginObject()
    {
        var code = Peek();
        if (code == MessagePackCode.Nil)
        {
            _position++;
            return false;
        }

        int count;
        if (code is >= MessagePackCode.MinFixMap and <= MessagePackCode.MaxFixMap)
        {
            count = code & 0x0f;
            _position++;
        }
        else if (code == MessagePackCode.Map16)
        {
            count = BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]);
        }
        else if (code == MessagePackCode.Map32)
        {
            count = Length32(Take(5)[1..]);
        }
        else
        {
            throw Unexpected("a map", code);
        }

        Push(count);
        return true;
    }

    /// <inheritdoc />
    public bool TryReadField(out ReadOnlySpan<byte> name)
    {
        if (!TryTakeEntry())
        {
            name = default;
            return false;
        }

        // A key that is not a string names no field a decoder knows: it reads as empty and the decoder skips its value.
        if (!TryReadStringSpan(out name))
        {
            SkipValue();
            name = default;
        }

        return true;
    }

    /// <inheritdoc />
    public bool BeginArray()
    {
        var code = Peek();
        if (code == MessagePackCode.Nil)
        {
            _position++;
            return false;
        }

        int count;
        if (code is >= MessagePackCode.MinFixArray and <= MessagePackCode.MaxFixArray)
        {
            count = code & 0x0f;
            _position++;
        }
        else if (code == MessagePackCode.Array16)
        {
            count = BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]);
        }
        else if (code == MessagePackCode.Array32)
        {
            count = Length32(Take(5)[1..]);
        }
        else
        {
            throw Unexpected("an array", code);
        }

        Push(count);
        return true;
    }

    /// <inheritdoc />
    public bool TryReadElement() => TryTakeEntry();

    /// <inheritdoc />
    public void Skip() => SkipValue();

    private void Push(int count)
    {
        if (_depth == CountStack.Capacity)
        {
            throw new AlpacaDecodeException($"The message nests deeper than {CountStack.Capacity} maps and arrays.");
        }

        _remaining[_depth++] = count;
    }

    private bool TryTakeEntry()
    {
        if (_depth == 0)
        {
            throw new InvalidOperationException("No map or array is open.");
        }

        ref var remaining = ref _remaining[_depth - 1];
        if (remaining == 0)
        {
            _depth--;
            return false;
        }

        remaining--;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly byte Peek()
    {
        if ((uint)_position >= (uint)_buffer.Length)
        {
            ThrowTruncated();
        }

        return _buffer[_position];
    }

    /// <summary>The next <paramref name="length"/> bytes (header included), consumed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int length)
    {
        if ((uint)length > (uint)(_buffer.Length - _position))
        {
            ThrowTruncated();
        }

        var span = _buffer.Slice(_position, length);
        _position += length;
        return span;
    }

    private static int Length32(ReadOnlySpan<byte> bytes)
    {
        var length = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        return length <= int.MaxValue ? (int)length : throw new AlpacaDecodeException($"A MessagePack length of {length} is beyond any frame.");
    }

    [DoesNotReturn]
    private static void ThrowTruncated() => throw new AlpacaDecodeException("The message ends before its map is complete.");

    private readonly AlpacaDecodeException Unexpected(string expected, byte code) =>
        new($"Expected {expected} but found {MessagePackCode.Describe(code)} at byte {_position}.");

    [InlineArray(Capacity)]
    private struct CountStack
    {
        public const int Capacity = 16;

        private int _element;
    }
}
