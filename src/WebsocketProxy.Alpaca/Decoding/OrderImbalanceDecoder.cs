using System.Text.Json;
using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>Decodes order imbalances (<c>T</c> = <c>i</c>).</summary>
internal static class OrderImbalanceDecoder
{
    /// <summary>Reads a <see cref="OrderImbalance"/> from JSON; <paramref name="json"/> stands on the message's start and is left on its end.</summary>
    public static OrderImbalance Read(ref Utf8JsonReader json, AlpacaDecodeContext context)
    {
        var reader = new JsonFieldReader(json, context);
        var message = Read(ref reader);
        json = reader.Json;
        return message;
    }

    /// <summary>
    /// Reads a <see cref="OrderImbalance"/> from the JSON object at the start of <paramref name="json"/> (the generated
    /// dispatcher's fast path: a hand-written scanner, no <see cref="Utf8JsonReader"/>); <paramref name="consumed"/> is
    /// the object's length.
    /// </summary>
    public static OrderImbalance ReadJson(ReadOnlySpan<byte> json, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new Utf8JsonFieldReader(json, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }

    /// <summary>
    /// Reads a <see cref="OrderImbalance"/> from any wire format: the reader stands on the message's map and is left at
    /// its end. Fields come in any order; unknown ones are skipped.
    /// </summary>
    /// <exception cref="AlpacaDecodeException">A required field is missing or a value has the wrong type.</exception>
    public static OrderImbalance Read<TReader>(ref TReader reader)
        where TReader : IAlpacaFieldReader, allows ref struct
    {
        if (!reader.BeginObject())
        {
            throw new AlpacaDecodeException("A 'i' message is null.");
        }

        string? symbol = null;
        var timestamp = default(AlpacaTimestamp);
        var price = 0m;
        var tape = string.Empty;
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
                case 'p':
                    price = reader.ReadDecimal();
                    break;
                case 'z':
                    tape = reader.ReadInternedString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new OrderImbalance
        {
            Symbol = symbol ?? throw AlpacaDecodeException.MissingField("S", "i"),
            Timestamp = timestamp,
            Price = price,
            Tape = tape,
        };
    }

    /// <summary>Reads a <see cref="OrderImbalance"/> from the MessagePack map at the start of <paramref name="message"/>; <paramref name="consumed"/> is the map's length.</summary>
    public static OrderImbalance Read(ReadOnlySpan<byte> message, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new MessagePackFieldReader(message, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }
}
