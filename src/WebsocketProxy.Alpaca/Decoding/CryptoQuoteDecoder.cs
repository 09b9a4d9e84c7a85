using System.Text.Json;
using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>Decodes crypto quotes (<c>T</c> = <c>q</c> on the crypto stream).</summary>
internal static class CryptoQuoteDecoder
{
    /// <summary>Reads a <see cref="CryptoQuote"/> from JSON; <paramref name="json"/> stands on the message's start and is left on its end.</summary>
    public static CryptoQuote Read(ref Utf8JsonReader json, AlpacaDecodeContext context)
    {
        var reader = new JsonFieldReader(json, context);
        var message = Read(ref reader);
        json = reader.Json;
        return message;
    }

    /// <summary>
    /// Reads a <see cref="CryptoQuote"/> from the JSON object at the start of <paramref name="json"/> (the generated
    /// dispatcher's fast path: a hand-written scanner, no <see cref="Utf8JsonReader"/>); <paramref name="consumed"/> is
    /// the object's length.
    /// </summary>
    public static CryptoQuote ReadJson(ReadOnlySpan<byte> json, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new Utf8JsonFieldReader(json, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }

    /// <summary>
    /// Reads a <see cref="CryptoQuote"/> from any wire format: the reader stands on the message's map and is left at
    /// its end. Fields come in any order; unknown ones are skipped.
    /// </summary>
    /// <exception cref="AlpacaDecodeException">A required field is missing or a value has the wrong type.</exception>
    public static CryptoQuote Read<TReader>(ref TReader reader)
        where TReader : IAlpacaFieldReader, allows ref struct
    {
        if (!reader.BeginObject())
        {
            throw new AlpacaDecodeException("A 'q' message is null.");
        }

        string? symbol = null;
        var timestamp = default(AlpacaTimestamp);
        var bidPrice = 0m;
        var bidSize = 0m;
        var askPrice = 0m;
        var askSize = 0m;
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
                case FieldKey.Bp:
                    bidPrice = reader.ReadDecimal();
                    break;
                case FieldKey.Bs:
                    bidSize = reader.ReadDecimal();
                    break;
                case FieldKey.Ap:
                    askPrice = reader.ReadDecimal();
                    break;
                case FieldKey.As:
                    askSize = reader.ReadDecimal();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new CryptoQuote
        {
            Symbol = symbol ?? throw AlpacaDecodeException.MissingField("S", "q"),
            Timestamp = timestamp,
            BidPrice = bidPrice,
            BidSize = bidSize,
            AskPrice = askPrice,
            AskSize = askSize,
        };
    }

    /// <summary>Reads a <see cref="CryptoQuote"/> from the MessagePack map at the start of <paramref name="message"/>; <paramref name="consumed"/> is the map's length.</summary>
    public static CryptoQuote Read(ReadOnlySpan<byte> message, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new MessagePackFieldReader(message, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }
}
