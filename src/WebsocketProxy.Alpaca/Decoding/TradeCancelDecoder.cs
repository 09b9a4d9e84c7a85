using System.Text.Json;
using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>Decodes trade cancels and errors (<c>T</c> = <c>x</c>).</summary>
internal static class TradeCancelDecoder
{
    /// <summary>Reads a <see cref="TradeCancel"/> from JSON; <paramref name="json"/> stands on the message's start and is left on its end.</summary>
    public static TradeCancel Read(ref Utf8JsonReader json, AlpacaDecodeContext context)
    {
        var reader = new JsonFieldReader(json, context);
        var message = Read(ref reader);
        json = reader.Json;
        return message;
    }

    /// <summary>
    /// Reads a <see cref="TradeCancel"/> from the JSON object at the start of <paramref name="json"/> (the generated
    /// dispatcher's fast path: a hand-written scanner, no <see cref="Utf8JsonReader"/>); <paramref name="consumed"/> is
    /// the object's length.
    /// </summary>
    public static TradeCancel ReadJson(ReadOnlySpan<byte> json, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new Utf8JsonFieldReader(json, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }

    /// <summary>
    /// Reads a <see cref="TradeCancel"/> from any wire format: the reader stands on the message's map and is left at
    /// its end. Fields come in any order; unknown ones are skipped.
    /// </summary>
    /// <exception cref="AlpacaDecodeException">A required field is missing or a value has the wrong type.</exception>
    public static TradeCancel Read<TReader>(ref TReader reader)
        where TReader : IAlpacaFieldReader, allows ref struct
    {
        if (!reader.BeginObject())
        {
            throw new AlpacaDecodeException("A 'x' message is null.");
        }

        string? symbol = null;
        var timestamp = default(AlpacaTimestamp);
        var id = 0L;
        var exchange = string.Empty;
        var price = 0m;
        var size = 0L;
        var tape = string.Empty;
        var action = TradeCancelAction.Unknown;
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
                case 'i':
                    id = reader.ReadInt64();
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
                case 'z':
                    tape = reader.ReadInternedString();
                    break;
                case 'a':
                    action = FieldKey.CancelActionOf(reader.ReadInternedString());
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new TradeCancel
        {
            Symbol = symbol ?? throw AlpacaDecodeException.MissingField("S", "x"),
            Timestamp = timestamp,
            Id = id,
            Exchange = exchange,
            Price = price,
            Size = size,
            Tape = tape,
            Action = action,
        };
    }

    /// <summary>Reads a <see cref="TradeCancel"/> from the MessagePack map at the start of <paramref name="message"/>; <paramref name="consumed"/> is the map's length.</summary>
    public static TradeCancel Read(ReadOnlySpan<byte> message, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new MessagePackFieldReader(message, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }
}
