using System.Text.Json;
using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>Decodes option quotes (<c>T</c> = <c>q</c> on an options stream); the condition <c>c</c> is one string.</summary>
internal static class OptionQuoteDecoder
{
    /// <summary>Reads an <see cref="OptionQuote"/> from JSON; <paramref name="json"/> stands on the message's start and is left on its end.</summary>
    public static OptionQuote Read(ref Utf8JsonReader json, AlpacaDecodeContext context)
    {
        var reader = new JsonFieldReader(json, context);
        var message = Read(ref reader);
        json = reader.Json;
        return message;
    }

    /// <summary>
    /// Reads a <see cref="OptionQuote"/> from the JSON object at the start of <paramref name="json"/> (the generated
    /// dispatcher's fast path: a hand-written scanner, no <see cref="Utf8JsonReader"/>); <paramref name="consumed"/> is
    /// the object's length.
    /// </summary>
    public static OptionQuote ReadJson(ReadOnlySpan<byte> json, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new Utf8JsonFieldReader(json, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }

    /// <summary>
    /// Reads an <see cref="OptionQuote"/> from any wire format: the reader stands on the message's map and is left at
    /// its end. Fields come in any order; unknown ones are skipped.
    /// </summary>
    /// <exception cref="AlpacaDecodeException">A required field is missing or a value has the wrong type.</exception>
    public static OptionQuote Read<TReader>(ref TReader reader)
        where TReader : IAlpacaFieldReader, allows ref struct
    {
        if (!reader.BeginObject())
        {
            throw new AlpacaDecodeException("A 'q' message is null.");
        }

        string? symbol = null;
        var timestamp = default(AlpacaTimestamp);
        var bidExchange = string.Empty;
        var bidPrice = 0m;
        var bidSize = 0L;
        var askExchange = string.Empty;
        var askPrice = 0m;
        var askSize = 0L;
        var condition = string.Empty;
        while (reader.TryReadField(out var name))
        {
            switch (FieldKey.Of(name))
            {
                case 'S':
                    symbol = reader.ReadInternedString();
                    break;
                case 't':
                    timestamp = reader.ReadTimestamp();
                    break;
                case FieldKey.Bx:
                    bidExchange = reader.ReadInternedString();
                    break;
                case FieldKey.Bp:
                    bidPrice = reader.ReadDecimal();
                    break;
                case FieldKey.Bs:
                    bidSize = reader.ReadInt64();
                    break;
                case FieldKey.Ax:
                    askExchange = reader.ReadInternedString();
                    break;
                case FieldKey.Ap:
                    askPrice = reader.ReadDecimal();
                    break;
                case FieldKey.As:
                    askSize = reader.ReadInt64();
                    break;
                case 'c':
                    condition = reader.ReadInternedString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new OptionQuote
        {
            Symbol = symbol ?? throw AlpacaDecodeException.MissingField("S", "q"),
            Timestamp = timestamp,
            BidExchange = bidExchange,
            BidPrice = bidPrice,
            BidSize = bidSize,
            AskExchange = askExchange,
            AskPrice = askPrice,
            AskSize = askSize,
            Condition = condition,
        };
    }

    /// <summary>Reads an <see cref="OptionQuote"/> from the MessagePack map at the start of <paramref name="message"/>; <paramref name="consumed"/> is the map's length.</summary>
    public static OptionQuote Read(ReadOnlySpan<byte> message, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new MessagePackFieldReader(message, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }
}
