using System.Runtime.CompilerServices;
using System.Text.Json;
using WebsocketProxy.Shared;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>
/// <see cref="IAlpacaFieldReader"/> over the JSON of one message, read straight from the span with a hand-written
/// scanner (<see cref="Utf8JsonScanner"/>) instead of a <see cref="Utf8JsonReader"/>: Alpaca's messages are flat
/// objects of short strings and plain numbers, and the general reader's per-token state was most of their decode
/// time. Strict all the same: RFC 8259 grammar for what it reads and what it skips, escapes in names and values,
/// any field order, whitespace anywhere JSON allows it. After the decoder returns, <see cref="Consumed"/> is the
/// object's length (from the start of the span).
/// </summary>
/// <remarks>
/// The invariant: between calls the position is just after a container's opening bracket (<c>_open</c>) or just after
/// a complete value; a field or element read moves it to the start of the next value.
/// </remarks>
internal ref partial struct Utf8JsonFieldReader : IAlpacaOptionalFieldReader
{
    private readonly ReadOnlySpan<byte> _json;
    private readonly AlpacaDecodeContext _context;
    private int _position;
    private bool _open;

    /// <summary>Reads the message that starts at the beginning of <paramref name="json"/> (after any whitespace).</summary>
    public Utf8JsonFieldReader(ReadOnlySpan<byte> json, AlpacaDecodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _json = json;
        _context = context;
        _position = Utf8JsonScanner.SkipWhitespace(json, 0);
    }

    /// <summary>How many bytes have been read: after a whole message, the index just after its closing brace.</summary>
    public readonly int Consumed => _position;

    /// <inheritdoc />
    public bool BeginObject() => BeginContainer((byte)'{', "an object");

    /// <inheritdoc />
    public bool TryReadField(out ReadOnlySpan<byte> name)
    {
        if (!TryNextEntry((byte)'}'))
        {
            name = default;
            return false;
        }

        var start = _position;
        if (Utf8JsonScanner.At(_json, start) != '"')
        {
            throw Malformed("a property name");
        }

        var end = Utf8JsonScanner.SkipString(_json, start, out var escaped);
        name = escaped ? Utf8JsonScanner.Unescape(_json[start..end]) : _json[(start + 1)..(end - 1)];
        _position = Utf8JsonScanner.SkipWhitespace(_json, end);
        if (Utf8JsonScanner.At(_json, _position) != ':')
        {
            throw Malformed("':'");
        }

        _position = Utf8JsonScanner.SkipWhitespace(_json, _position + 1);
        return true;
    }

    /// <inheritdoc />
    public bool BeginArray() => BeginContainer((byte)'[', "an array");

    /// <inheritdoc />
    public bool TryReadElement() => TryNextEntry((byte)']');

    /// <inheritdoc />
    public void Skip()
    {
        _position = Utf8JsonScanner.SkipValue(_json, _position);
        _open = false;
    }

    /// <inheritdoc />
    public bool TryReadNull()
    {
        if (Current() != 'n')
        {
            return false;
        }

        ReadNull();
        return true;
    }

    private bool BeginContainer(byte open, string expected)
    {
        var b = Current();
        if (b == open)
        {
            _position = Utf8JsonScanner.SkipWhitespace(_json, _position + 1);
            _open = true;
            return true;
        }

        if (b == 'n')
        {
            ReadNull();
            return false;
        }

        throw Malformed(expected);
    }

    // Past the separator to the next entry's start; false (the close consumed) at the container's end.
    private bool TryNextEntry(byte close)
    {
        var b = Current();
        if (b == close)
        {
            _position++;
            _open = false;
            return false;
        }

        if (_open)
        {
            _open = false;
            return true;
        }

        if (b != ',')
        {
            throw Malformed(close == '}' ? "',' or '}'" : "',' or ']'");
        }

        _position = Utf8JsonScanner.SkipWhitespace(_json, _position + 1);
        return true;
    }

    /// <summary>The byte at the position after any whitespace (the position moves past the whitespace).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte Current()
    {
        _position = Utf8JsonScanner.SkipWhitespace(_json, _position);
        return Utf8JsonScanner.At(_json, _position);
    }

    private void ReadNull()
    {
        _position = Utf8JsonScanner.SkipLiteral(_json, _position, "null"u8);
        _open = false;
    }

    private readonly AlpacaDecodeException Malformed(string expected) =>
        new($"Expected {expected} at byte {_position}.");
}
