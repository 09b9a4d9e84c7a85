using System.Collections.Immutable;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>
/// Builds the cache key of a string array in a caller's buffer: each element as one length byte and its UTF-8
/// bytes. Arrays too long for the buffer are not cached.
/// </summary>
internal ref struct StringArrayKey
{
    public const int BufferSize = 256;

    private readonly Span<byte> _buffer;
    private int _length;

    public StringArrayKey(Span<byte> buffer)
    {
        _buffer = buffer;
        _length = 0;
        Count = 0;
    }

    public int Count { get; private set; }

    public readonly ReadOnlySpan<byte> Key => _buffer[.._length];

    /// <summary>Appends an element; false when it does not fit, and then the key is unusable.</summary>
    public bool TryAppend(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > byte.MaxValue || _length + 1 + utf8.Length > _buffer.Length)
        {
            return false;
        }

        _buffer[_length++] = (byte)utf8.Length;
        utf8.CopyTo(_buffer[_length..]);
        _length += utf8.Length;
        Count++;
        return true;
    }

    /// <summary>Turns a key back into interned strings.</summary>
    public static ImmutableArray<string> ToArray(AlpacaDecodeContext context, ReadOnlySpan<byte> key, int count)
    {
        var builder = ImmutableArray.CreateBuilder<string>(count);
        AppendTo(builder, context, key);
        return builder.MoveToImmutable();
    }

    /// <summary>Adds a key's elements to a builder, for arrays that outgrow the key buffer.</summary>
    public static void AppendTo(ImmutableArray<string>.Builder builder, AlpacaDecodeContext context, ReadOnlySpan<byte> key)
    {
        while (!key.IsEmpty)
        {
            var length = key[0];
            builder.Add(context.Intern(key.Slice(1, length)));
            key = key[(1 + length)..];
        }
    }
}
