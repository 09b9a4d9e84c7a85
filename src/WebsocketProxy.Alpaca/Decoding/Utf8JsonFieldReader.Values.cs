using System.Buffers.Text;
using System.Text;
using WebsocketProxy.Shared;

namespace WebsocketProxy.Alpaca.Decoding;

internal ref partial struct Utf8JsonFieldReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <inheritdoc />
    public string ReadString()
    {
        if (Current() == 'n')
        {
            ReadNull();
            return string.Empty;
        }

        var value = ReadStringBytes();
        return value.IsEmpty ? string.Empty : StrictUtf8.GetString(value);
    }

    /// <inheritdoc />
    public string ReadInternedString()
    {
        if (Current() == 'n')
        {
            ReadNull();
            return string.Empty;
        }

        return _context.Intern(ReadStringBytes());
    }

    /// <inheritdoc />
    public long ReadInt64()
    {
        var b = Current();
        if (b == 'n')
        {
            ReadNull();
            return 0;
        }

        if (b != '-' && !Utf8JsonScanner.IsDigit(b))
        {
            throw Malformed("an integer");
        }

        var start = _position;
        var end = Utf8JsonScanner.SkipNumber(_json, start, out var isInteger);
        var text = _json[start..end];
        if (!isInteger || !(TryParsePlainInt64(text, out var value) || (Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length)))
        {
            throw Malformed("an integer");
        }

        _position = end;
        return value;
    }

    /// <inheritdoc />
    public decimal ReadDecimal()
    {
        var b = Current();
        if (b == 'n')
        {
            ReadNull();
            return 0m;
        }

        var start = _position;
        if (b == '"')
        {
            // A price sent as a string: the same number inside quotes.
            var end = Utf8JsonScanner.SkipString(_json, start, out var escaped);
            var inner = _json[(start + 1)..(end - 1)];
            if (escaped || !Utf8Parser.TryParse(inner, out decimal quoted, out var used) || used != inner.Length)
            {
                throw Malformed("a number");
            }

            _position = end;
            return quoted;
        }

        if (b != '-' && !Utf8JsonScanner.IsDigit(b))
        {
            throw Malformed("a number");
        }

        var numberEnd = Utf8JsonScanner.SkipNumber(_json, start, out var isInteger);
        var text = _json[start..numberEnd];
        decimal value;
        if (!Utf8Decimal.TryParsePlain(text, out value))
        {
            // Exponents and numbers past nineteen digits: the general parser, as Utf8JsonReader.TryGetDecimal does.
            var hasExponent = !isInteger && text.IndexOfAny((byte)'e', (byte)'E') >= 0;
            if (!Utf8Parser.TryParse(text, out value, out var consumed, hasExponent ? 'E' : default) || consumed != text.Length)
            {
                throw Malformed("a number that fits a decimal");
            }
        }

        _position = numberEnd;
        return value;
    }

    /// <inheritdoc />
    public bool ReadBoolean()
    {
        switch (Current())
        {
            case (byte)'t':
                _position = Utf8JsonScanner.SkipLiteral(_json, _position, "true"u8);
                return true;
            case (byte)'f':
                _position = Utf8JsonScanner.SkipLiteral(_json, _position, "false"u8);
                return false;
            case (byte)'n':
                ReadNull();
                return false;
            default:
                throw Malformed("a boolean");
        }
    }

    /// <inheritdoc />
    public AlpacaTimestamp ReadTimestamp()
    {
        if (Current() == 'n')
        {
            ReadNull();
            return default;
        }

        var start = _position;
        var text = ReadStringBytes();
        return AlpacaTimestamp.TryParse(text, out var value)
            ? value
            : throw new AlpacaDecodeException($"The string at byte {start} is not an RFC 3339 timestamp with at most nine fraction digits.");
    }

    /// <summary>
    /// Reads the string at the position: its raw bytes when it holds no escapes, else its value unescaped into a new
    /// array (escapes are rare in market data; the common path allocates nothing).
    /// </summary>
    private ReadOnlySpan<byte> ReadStringBytes()
    {
        var start = _position;
        if (Utf8JsonScanner.At(_json, start) != '"')
        {
            throw Malformed("a string");
        }

        var end = Utf8JsonScanner.SkipString(_json, start, out var escaped);
        _position = end;
        return escaped ? Utf8JsonScanner.Unescape(_json[start..end]) : _json[(start + 1)..(end - 1)];
    }

    // Sizes, counts and ids: up to eighteen plain digits, which cannot overflow; anything else (sign, longer) goes to
    // Utf8Parser, which decides. The grammar was checked before.
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
