using System.Text.Json;
using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>Decodes LULD bands (<c>T</c> = <c>l</c>); here <c>i</c> is a string indicator.</summary>
internal static class LimitUpLimitDownDecoder
{
    /// <summary>Reads a <see cref="LimitUpLimitDown"/> from JSON; <paramref name="json"/> stands on the message's start and is left on its end.</summary>
    public static LimitUpLimitDown Read(ref Utf8JsonReader json, AlpacaDecodeContext context)
    {
        var reader = new JsonFieldReader(json, context);
        var message = Read(ref reader);
        json = reader.Json;
        return message;
    }

    /// <summary>
    /// Reads a <see cref="LimitUpLimitDown"/> from the JSON object at the start of <paramref name="json"/> (the generated
    /// dispatcher's fast path: a hand-written scanner, no <see cref="Utf8JsonReader"/>); <paramref name="consumed"/> is
    /// the object's length.
    /// </summary>
    public static LimitUpLimitDown ReadJson(ReadOnlySpan<byte> json, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new Utf8JsonFieldReader(json, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }

    /// <summary>
    /// Reads a <see cref="LimitUpLimitDown"/> from any wire format: the reader stands on the message's map and is left at
    /// its end. Fields come in any order; unknown ones are skipped.
    /// </summary>
    /// <exception cref="AlpacaDecodeException">A required field is missing or a value has the wrong type.</exception>
    public static LimitUpLimitDown Read<TReader>(ref TReader reader)
        where TReader : IAlpacaFieldReader, allows ref struct
    {
        if (!reader.BeginObject())
        {
            throw new AlpacaDecodeException("A 'l' message is null.");
        }

        string? symbol = null;
        var timestamp = default(AlpacaTimestamp);
        var limitUpPrice = 0m;
        var limitDownPrice = 0m;
        var indicator = string.Empty;
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
                case 'u':
                    limitUpPrice = reader.ReadDecimal();
                    break;
                case 'd':
                    limitDownPrice = reader.ReadDecimal();
                    break;
                case 'i':
                    indicator = reader.ReadInternedString();
                    break;
                case 'z':
                    tape = reader.ReadInternedString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new LimitUpLimitDown
        {
            Symbol = symbol ?? throw AlpacaDecodeException.MissingField("S", "l"),
            Timestamp = timestamp,
            LimitUpPrice = limitUpPrice,
            LimitDownPrice = limitDownPrice,
            Indicator = indicator,
            Tape = tape,
        };
    }

    /// <summary>Reads a <see cref="LimitUpLimitDown"/> from the MessagePack map at the start of <paramref name="message"/>; <paramref name="consumed"/> is the map's length.</summary>
    public static LimitUpLimitDown Read(ReadOnlySpan<byte> message, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new MessagePackFieldReader(message, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }
}
