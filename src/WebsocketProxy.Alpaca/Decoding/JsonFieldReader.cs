using System.Buffers.Text;
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
public ref partial struct JsonFieldReader : IAlpacaFieldReader
{
    // Short values (symbols, codes, timestamps) that arrive escaped are unescaped on the stack.
    private const int StackValueLimit = 128;

    private Utf8JsonReader _json;
    private readonly AlpacaDecodeContext _context;

    /// <summary>Wraps (a copy of) a reader positioned on the message's start.</summary>
    public JsonFieldReader(Utf8JsonReader json, AlpacaDecodeContext context)
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
    public readonly string ReadString() => _json.TokenType switch
    {
        JsonTokenType.String => _json.GetString()!,
        JsonTokenType.Null => string.Empty,
        _ => throw Unexpected("a string"),
    };

    /// <inheritdoc />
    public readonly string ReadInternedString()
    {
        if (_json.TokenType == JsonTokenType.Null)
        {
            return string.Empty;
        }

        if (_json.TokenType != JsonTokenType.String)
        {
            throw Unexpected("a string");
        }

        if (!_json.ValueIsEscaped && !_json.HasValueSequence)
        {
            return _context.Intern(_json.ValueSpan);
        }

        Span<byte> buffer = stackalloc byte[StackValueLimit];
        return TryUnescape(buffer, out var length) ? _context.Intern(buffer[..length]) : _json.GetString()!;
    }

    /// <inheritdoc />
    public readonly long ReadInt64() => _json.TokenType switch
    {
        JsonTokenType.Number when _json.TryGetInt64(out var value) => value,
        JsonTokenType.Null => 0,
        _ => throw Unexpected("an integer"),
    };

    /// <inheritdoc />
    public readonly decimal ReadDecimal() => _json.TokenType switch
    {
        JsonTokenType.Number when _json.TryGetDecimal(out var value) => value,
        JsonTokenType.String when !_json.ValueIsEscaped && !_json.HasValueSequence
            && Utf8Parser.TryParse(_json.ValueSpan, out decimal value, out var consumed)
            && consumed == _json.ValueSpan.Length => value,
        JsonTokenType.Null => 0m,
        _ => throw Unexpected("a number"),
    };

    /// <inheritdoc />
    public readonly bool ReadBoolean() => _json.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False or JsonTokenType.Null => false,
        _ => throw Unexpected("a boolean"),
    };

    /// <inheritdoc />
    public readonly AlpacaTimestamp ReadTimestamp()
    {
        if (_json.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        if (_json.TokenType != JsonTokenType.String)
        {
            throw Unexpected("a timestamp string");
        }

        if (!_json.ValueIsEscaped && !_json.HasValueSequence)
        {
            return AlpacaTimestamp.TryParse(_json.ValueSpan, out var direct) ? direct : throw BadTimestamp();
        }

        Span<byte> buffer = stackalloc byte[StackValueLimit];
        return TryUnescape(buffer, out var length) && AlpacaTimestamp.TryParse(buffer[..length], out var unescaped)
            ? unescaped
            : throw BadTimestamp();
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

    private readonly AlpacaDecodeException BadTimestamp() =>
        new($"'{_json.GetString()}' at byte {_json.TokenStartIndex} is not an RFC 3339 timestamp with at most nine fraction digits.");
}
