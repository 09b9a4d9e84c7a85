using System.Collections.Immutable;
using System.Text.Json;
using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>Decodes crypto order book updates (<c>T</c> = <c>o</c>).</summary>
internal static class CryptoOrderBookDecoder
{
    /// <summary>Reads a <see cref="CryptoOrderBook"/> from JSON; <paramref name="json"/> stands on the message's start and is left on its end.</summary>
    public static CryptoOrderBook Read(ref Utf8JsonReader json, AlpacaDecodeContext context)
    {
        var reader = new JsonFieldReader(json, context);
        var message = Read(ref reader);
        json = reader.Json;
        return message;
    }

    /// <summary>
    /// Reads a <see cref="CryptoOrderBook"/> from the JSON object at the start of <paramref name="json"/> (the generated
    /// dispatcher's fast path: a hand-written scanner, no <see cref="Utf8JsonReader"/>); <paramref name="consumed"/> is
    /// the object's length.
    /// </summary>
    public static CryptoOrderBook ReadJson(ReadOnlySpan<byte> json, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new Utf8JsonFieldReader(json, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }

    /// <summary>
    /// Reads a <see cref="CryptoOrderBook"/> from any wire format: the reader stands on the message's map and is left at
    /// its end. Fields come in any order; unknown ones are skipped.
    /// </summary>
    /// <exception cref="AlpacaDecodeException">A required field is missing or a value has the wrong type.</exception>
    public static CryptoOrderBook Read<TReader>(ref TReader reader)
        where TReader : IAlpacaFieldReader, allows ref struct
    {
        if (!reader.BeginObject())
        {
            throw new AlpacaDecodeException("A 'o' message is null.");
        }

        string? symbol = null;
        var timestamp = default(AlpacaTimestamp);
        var isReset = false;
        var bids = ImmutableArray<OrderBookLevel>.Empty;
        var asks = ImmutableArray<OrderBookLevel>.Empty;
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
                case 'r':
                    isReset = reader.ReadBoolean();
                    break;
                case 'b':
                    bids = OrderBookLevelReader.ReadLevels(ref reader);
                    break;
                case 'a':
                    asks = OrderBookLevelReader.ReadLevels(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new CryptoOrderBook
        {
            Symbol = symbol ?? throw AlpacaDecodeException.MissingField("S", "o"),
            Timestamp = timestamp,
            IsReset = isReset,
            Bids = bids,
            Asks = asks,
        };
    }

    /// <summary>Reads a <see cref="CryptoOrderBook"/> from the MessagePack map at the start of <paramref name="message"/>; <paramref name="consumed"/> is the map's length.</summary>
    public static CryptoOrderBook Read(ReadOnlySpan<byte> message, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new MessagePackFieldReader(message, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }
}
