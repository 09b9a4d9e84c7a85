using System.Text.Json;
using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>Decodes option trades (<c>T</c> = <c>t</c> on an options stream); the condition <c>c</c> is one string.</summary>
internal static class OptionTradeDecoder
{
    /// <summary>Reads an <see cref="OptionTrade"/> from JSON; <paramref name="json"/> stands on the message's start and is left on its end.</summary>
    public static OptionTrade Read(ref Utf8JsonReader json, AlpacaDecodeContext context)
    {
        var reader = new JsonFieldReader(json, context);
        var message = Read(ref reader);
        json = reader.Json;
        return message;
    }

    /// <summary>
    /// Reads a <see cref="OptionTrade"/> from the JSON object at the start of <paramref name="json"/> (the generated
    /// dispatcher's fast path: a hand-written scanner, no <see cref="Utf8JsonReader"/>); <paramref name="consumed"/> is
    /// the object's length.
    /// </summary>
    public static OptionTrade ReadJson(ReadOnlySpan<byte> json, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new Utf8JsonFieldReader(json, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }

    /// <summary>
    /// Reads an <see cref="OptionTrade"/> from any wire format: the reader stands on the message's map and is left at
    /// its end. Fields come in any order; unknown ones are skipped.
    /// </summary>
    /// <exception cref="AlpacaDecodeException">A required field is missing or a value has the wrong type.</exception>
    public static OptionTrade Read<TReader>(ref TReader reader)
        where TReader : IAlpacaFieldReader, allows ref struct
    {
        if (!reader.BeginObject())
        {
            throw new AlpacaDecodeException("A 't' message is null.");
        }

        string? symbol = null;
        var timestamp = default(AlpacaTimestamp);
        var exchange = string.Empty;
        var price = 0m;
        var size = 0L;
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
                case 'x':
                    exchange = reader.ReadInternedString();
                    break;
                case 'p':
                    price = reader.ReadDecimal();
                    break;
                case 's':
                    size = reader.ReadInt64();
                    break;
                case 'c':
                    condition = reader.ReadInternedString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new OptionTrade
        {
            Symbol = symbol ?? throw AlpacaDecodeException.MissingField("S", "t"),
            Timestamp = timestamp,
            Exchange = exchange,
            Price = price,
            Size = size,
            Condition = condition,
        };
    }

    /// <summary>Reads an <see cref="OptionTrade"/> from the MessagePack map at the start of <paramref name="message"/>; <paramref name="consumed"/> is the map's length.</summary>
    public static OptionTrade Read(ReadOnlySpan<byte> message, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new MessagePackFieldReader(message, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }
}
