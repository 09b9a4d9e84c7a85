using System.Text.Json;
using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>Decodes crypto bars (<c>T</c> = <c>b</c>, <c>d</c> or <c>u</c>); volume is fractional.</summary>
internal static class CryptoBarDecoder
{
    /// <summary>Reads a <see cref="CryptoBar"/> from JSON; <paramref name="json"/> stands on the message's start and is left on its end.</summary>
    public static CryptoBar Read(ref Utf8JsonReader json, AlpacaDecodeContext context)
    {
        var reader = new JsonFieldReader(json, context);
        var message = Read(ref reader);
        json = reader.Json;
        return message;
    }

    /// <summary>
    /// Reads a <see cref="CryptoBar"/> from the JSON object at the start of <paramref name="json"/> (the generated
    /// dispatcher's fast path: a hand-written scanner, no <see cref="Utf8JsonReader"/>); <paramref name="consumed"/> is
    /// the object's length.
    /// </summary>
    public static CryptoBar ReadJson(ReadOnlySpan<byte> json, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new Utf8JsonFieldReader(json, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }

    /// <summary>
    /// Reads a <see cref="CryptoBar"/> from any wire format: the reader stands on the message's map and is left at
    /// its end. Fields come in any order; unknown ones are skipped.
    /// </summary>
    /// <exception cref="AlpacaDecodeException">A required field is missing or a value has the wrong type.</exception>
    public static CryptoBar Read<TReader>(ref TReader reader)
        where TReader : IAlpacaFieldReader, allows ref struct
    {
        if (!reader.BeginObject())
        {
            throw new AlpacaDecodeException("A 'b' message is null.");
        }

        string? symbol = null;
        var timestamp = default(AlpacaTimestamp);
        var open = 0m;
        var high = 0m;
        var low = 0m;
        var close = 0m;
        var volume = 0m;
        var tradeCount = 0L;
        var volumeWeightedAveragePrice = 0m;
        var kind = BarKind.Minute;
        while (reader.TryReadField(out var name))
        {
            switch (FieldKey.Of(name))
            {
                case 'T':
                    kind = FieldKey.BarKindOf(reader.ReadInternedString());
                    break;
                case 'S':
                    symbol = reader.ReadInternedString();
                    break;
                case 't':
                    timestamp = reader.ReadTimestamp();
                    break;
                case 'o':
                    open = reader.ReadDecimal();
                    break;
                case 'h':
                    high = reader.ReadDecimal();
                    break;
                case 'l':
                    low = reader.ReadDecimal();
                    break;
                case 'c':
                    close = reader.ReadDecimal();
                    break;
                case 'v':
                    volume = reader.ReadDecimal();
                    break;
                case 'n':
                    tradeCount = reader.ReadInt64();
                    break;
                case FieldKey.Vw:
                    volumeWeightedAveragePrice = reader.ReadDecimal();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new CryptoBar
        {
            Symbol = symbol ?? throw AlpacaDecodeException.MissingField("S", "b"),
            Timestamp = timestamp,
            Open = open,
            High = high,
            Low = low,
            Close = close,
            Volume = volume,
            TradeCount = tradeCount,
            VolumeWeightedAveragePrice = volumeWeightedAveragePrice,
            Kind = kind,
        };
    }

    /// <summary>Reads a <see cref="CryptoBar"/> from the MessagePack map at the start of <paramref name="message"/>; <paramref name="consumed"/> is the map's length.</summary>
    public static CryptoBar Read(ReadOnlySpan<byte> message, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new MessagePackFieldReader(message, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }
}
