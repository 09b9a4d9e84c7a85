using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;

namespace WebsocketProxy.Alpaca.Decoding;

internal ref partial struct MessagePackFieldReader
{
    /// <inheritdoc />
    public string ReadString()
    {
        if (TryReadNil())
        {
            return string.Empty;
        }

        return TryReadStringSpan(out var utf8) ? Encoding.UTF8.GetString(utf8) : throw Unexpected("a string", Peek());
    }

    /// <inheritdoc />
    public string ReadInternedString()
    {
        if (TryReadNil())
        {
            return string.Empty;
        }

        return TryReadStringSpan(out var utf8) ? _context.Intern(utf8) : throw Unexpected("a string", Peek());
    }

    /// <inheritdoc />
    public long ReadInt64()
    {
        var code = Peek();
        if (code <= MessagePackCode.MaxPositiveFixInt)
        {
            _position++;
            return code;
        }

        if (code >= MessagePackCode.MinFixMap && code < MessagePackCode.MinNegativeFixInt)
        {
            return ReadOtherInt64(code);
        }

        _position++;
        return (sbyte)code;
    }

    /// <inheritdoc />
    public decimal ReadDecimal()
    {
        var code = Peek();
        switch (code)
        {
            case MessagePackCode.Float64:
                return MessagePackDecimal.FromDouble(BinaryPrimitives.ReadDoubleBigEndian(Take(9)[1..]));
            case MessagePackCode.Float32:
                return MessagePackDecimal.FromSingle(BinaryPrimitives.ReadSingleBigEndian(Take(5)[1..]));
            case MessagePackCode.UInt64:
                return BinaryPrimitives.ReadUInt64BigEndian(Take(9)[1..]);
            case MessagePackCode.Nil:
                _position++;
                return 0m;
            case >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr:
            case >= MessagePackCode.Str8 and <= MessagePackCode.Str32:
                // A number written as text, as the JSON reader accepts too.
                TryReadStringSpan(out var text);
                return Utf8Parser.TryParse(text, out decimal parsed, out var consumed) && consumed == text.Length
                    ? parsed
                    : throw new AlpacaDecodeException($"'{Encoding.UTF8.GetString(text)}' before byte {_position} is not a number.");
            case <= MessagePackCode.MaxPositiveFixInt or >= MessagePackCode.MinNegativeFixInt:
            case >= MessagePackCode.UInt8 and <= MessagePackCode.Int64:
                return ReadInt64();
            default:
                throw Unexpected("a number", code);
        }
    }

    /// <inheritdoc />
    public bool ReadBoolean()
    {
        switch (Peek())
        {
            case MessagePackCode.True:
                _position++;
                return true;
            case MessagePackCode.False or MessagePackCode.Nil:
                _position++;
                return false;
            default:
                throw Unexpected("a boolean", Peek());
        }
    }

    /// <inheritdoc />
    public AlpacaTimestamp ReadTimestamp()
    {
        var code = Peek();
        ReadOnlySpan<byte> body;
        switch (code)
        {
            case MessagePackCode.FixExt8:
                body = Take(10)[1..];
                break;
            case MessagePackCode.FixExt4:
                body = Take(6)[1..];
                break;
            case MessagePackCode.Ext8:
                var length = Take(2)[1];
                body = Take(1 + length);
                break;
            case MessagePackCode.Nil:
                _position++;
                return default;
            default:
                if (TryReadStringSpan(out var text))
                {
                    return AlpacaTimestamp.TryParse(text, out var parsed)
                        ? parsed
                        : throw new AlpacaDecodeException($"'{Encoding.UTF8.GetString(text)}' before byte {_position} is not an RFC 3339 timestamp with at most nine fraction digits.");
                }

                throw Unexpected("a timestamp", code);
        }

        // body = the extension type, then its data.
        return (sbyte)body[0] == MessagePackCode.TimestampExtension
            ? MessagePackTimestamp.Read(body[1..])
            : throw new AlpacaDecodeException($"Expected a timestamp (extension -1) but found extension {(sbyte)body[0]} before byte {_position}.");
    }

    private long ReadOtherInt64(byte code)
    {
        switch (code)
        {
            case MessagePackCode.UInt8:
                return Take(2)[1];
            case MessagePackCode.UInt16:
                return BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]);
            case MessagePackCode.UInt32:
                return BinaryPrimitives.ReadUInt32BigEndian(Take(5)[1..]);
            case MessagePackCode.UInt64:
                var unsigned = BinaryPrimitives.ReadUInt64BigEndian(Take(9)[1..]);
                return unsigned <= long.MaxValue ? (long)unsigned : throw new AlpacaDecodeException($"The integer {unsigned} before byte {_position} does not fit 64 signed bits.");
            case MessagePackCode.Int8:
                return (sbyte)Take(2)[1];
            case MessagePackCode.Int16:
                return BinaryPrimitives.ReadInt16BigEndian(Take(3)[1..]);
            case MessagePackCode.Int32:
                return BinaryPrimitives.ReadInt32BigEndian(Take(5)[1..]);
            case MessagePackCode.Int64:
                return BinaryPrimitives.ReadInt64BigEndian(Take(9)[1..]);
            case MessagePackCode.Nil:
                _position++;
                return 0;
            case MessagePackCode.Float64:
                // A whole number sent as a float (a server whose field is a float type) reads as JSON's "100" would.
                return WholeNumber(BinaryPrimitives.ReadDoubleBigEndian(Take(9)[1..]));
            case MessagePackCode.Float32:
                return WholeNumber(BinaryPrimitives.ReadSingleBigEndian(Take(5)[1..]));
            default:
                throw Unexpected("an integer", code);
        }
    }

    private readonly long WholeNumber(double value) =>
        Math.Floor(value) == value && value >= long.MinValue && value < 9.2233720368547758E18
            ? (long)value
            : throw new AlpacaDecodeException($"Expected an integer but found {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} before byte {_position}.");

    private bool TryReadNil()
    {
        if (Peek() != MessagePackCode.Nil)
        {
            return false;
        }

        _position++;
        return true;
    }

    /// <summary>Reads a string's UTF-8 bytes; false (nothing consumed) when the value is not a string.</summary>
    private bool TryReadStringSpan(out ReadOnlySpan<byte> utf8)
    {
        var code = Peek();
        int length;
        if (code is >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr)
        {
            _position++;
            length = code & 0x1f;
        }
        else if (code == MessagePackCode.Str8)
        {
            length = Take(2)[1];
        }
        else if (code == MessagePackCode.Str16)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(Take(3)[1..]);
        }
        else if (code == MessagePackCode.Str32)
        {
            length = Length32(Take(5)[1..]);
        }
        else
        {
            utf8 = default;
            return false;
        }

        utf8 = Take(length);
        return true;
    }
}
