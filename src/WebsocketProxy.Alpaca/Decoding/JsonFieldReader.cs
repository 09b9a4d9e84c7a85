using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>
/// <see cref="IAlpacaFieldReader"/> over a <see cref="Utf8JsonReader"/>, which it holds by value (a ref field
/// cannot point at a ref struct): create it from a reader standing on the message's
/// <see cref="JsonTokenType.StartObject"/>; after the decoder returns, <see cref="Json"/> stands on the matching
/// <see cref="JsonTokenType.EndObject"/>. The invariant inside: the current token is the value to read next.
/// </summary>
internal ref partial struct JsonFieldReader : IAlpacaFieldReader
{
    // Short values (symbols, codes, timestamps) that arrive escaped are unescaped on the stack.
    private const int StackValueLimit = 128;

    private Utf8JsonReader _json;
    private readonly AlpacaDecodeContext _context;

    /// <summary>Wraps a copy of a reader positioned on the message's start (taken by reference: one copy, not two).</summary>
    public JsonFieldReader(scoped in Utf8JsonReader json, AlpacaDecodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _json = json;
        _context = context;
    }

    /// <summary>The reader's state now, to continue with after the message.</summary>
    public readonly Utf8JsonReader Json => _json;

    /// <inheritdoc />
    public readonly bool BeginObject() => _json.TokenType switch
    {
        JsonTokenType.StartObject => true,
        JsonTokenType.Null => false,
        _ => throw Unexpected("an object"),
    };

    /// <inheritdoc />
    public bool TryReadField(out ReadOnlySpan<byte> name)
    {
        Advance();
        if (_json.TokenType == JsonTokenType.EndObject)
        {
            name = default;
            return false;
        }

        name = _json.ValueIsEscaped || _json.HasValueSequence
            ? Encoding.UTF8.GetBytes(_json.GetString()!)
            : _json.ValueSpan;
        Advance();
        return true;
    }

    /// <inheritdoc />
    public readonly bool BeginArray() => _json.TokenType switch
    {
        JsonTokenType.StartArray => true,
        JsonTokenType.Null => false,
        _ => throw Unexpected("an array"),
    };

    /// <inheritdoc />
    public bool TryReadElement()
    {
        Advance();
        return _json.TokenType != JsonTokenType.EndArray;
    }

    /// <inheritdoc />
    public void Skip() => _json.Skip();

    private readonly bool TryUnescape(Span<byte> buffer, out int length)
    {
        // Unescaping never lengthens a value, so the raw length bounds what CopyString writes.
        var rawLength = _json.HasValueSequence ? _json.ValueSequence.Length : _json.ValueSpan.Length;
        length = rawLength <= buffer.Length ? _json.CopyString(buffer) : 0;
        return rawLength <= buffer.Length;
    }

    private void Advance()
    {
        if (!_json.Read())
        {
            ThrowTruncated();
        }
    }

    [DoesNotReturn]
    private static void ThrowTruncated() => throw new AlpacaDecodeException("The message ends before its object is complete.");

    private readonly AlpacaDecodeException Unexpected(string expected) =>
        new($"Expected {expected} but found {_json.TokenType} at byte {_json.TokenStartIndex}.");

    // The raw (still escaped) text for error messages: GetString would throw on invalid UTF-8.
    private readonly AlpacaDecodeException BadTimestamp() =>
        new($"'{Encoding.UTF8.GetString(_json.HasValueSequence ? _json.ValueSequence.ToArray() : _json.ValueSpan)}' at byte {_json.TokenStartIndex} is not an RFC 3339 timestamp with at most nine fraction digits.");
}
