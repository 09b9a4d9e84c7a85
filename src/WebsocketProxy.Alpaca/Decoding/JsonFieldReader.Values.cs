using System.Buffers.Text;
using System.Text.Json;

namespace WebsocketProxy.Alpaca.Decoding;

internal ref partial struct JsonFieldReader
{
    /// <inheritdoc />
    public string ReadString() => _json.TokenType switch
    {
        JsonTokenType.String => _json.GetString()!,
        JsonTokenType.Null => string.Empty,
        _ => throw Unexpected("a string"),
    };

    /// <inheritdoc />
    public string ReadInternedString()
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
        JsonTokenType.Number when !_json.HasValueSequence && TryParsePlainInt64(_json.ValueSpan, out var plain) => plain,
        JsonTokenType.Number when _json.TryGetInt64(out var value) => value,
        JsonTokenType.Null => 0,
        _ => throw Unexpected("an integer"),
    };

    /// <inheritdoc />
    public readonly decimal ReadDecimal() => _json.TokenType switch
    {
        JsonTokenType.Number when !_json.HasValueSequence && Utf8Decimal.TryParsePlain(_json.ValueSpan, out var plain) => plain,
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

    // Sizes, counts and ids: up to eighteen plain digits, which cannot overflow; anything else (sign, exponent,
    // fraction, longer) goes to TryGetInt64, which decides.
    private static bool TryParsePlainInt64(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 18)
        {
            return false;
        }

        foreach (var b in text)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
