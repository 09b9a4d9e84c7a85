using System.Text.Json;
using WebsocketProxy.Alpaca.Trading;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>Decodes the <c>data</c> object of a <c>trade_updates</c> message.</summary>
internal static class TradeUpdateDecoder
{
    /// <summary>Reads a <see cref="TradeUpdate"/> from JSON; <paramref name="json"/> stands on the data object's start and is left on its end.</summary>
    public static TradeUpdate Read(ref Utf8JsonReader json, AlpacaDecodeContext context)
    {
        var reader = new JsonFieldReader(json, context);
        var update = Read(ref reader);
        json = reader.Json;
        return update;
    }

    /// <summary>
    /// Reads a <see cref="TradeUpdate"/> from the JSON object at the start of <paramref name="json"/> (the generated
    /// dispatcher's fast path: a hand-written scanner, no <see cref="Utf8JsonReader"/>); <paramref name="consumed"/> is
    /// the object's length.
    /// </summary>
    public static TradeUpdate ReadJson(ReadOnlySpan<byte> json, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new Utf8JsonFieldReader(json, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }

    /// <summary>
    /// Reads a <see cref="TradeUpdate"/> from any wire format that tells null from empty: the reader stands on the
    /// data map and is left at its end. Fields come in any order; unknown ones are skipped; an unknown event is kept
    /// as text with <see cref="TradeUpdateEvent.Unknown"/>.
    /// </summary>
    /// <exception cref="AlpacaDecodeException">The update is null, has no <c>event</c> or <c>order</c>, or a value has the wrong type.</exception>
    public static TradeUpdate Read<TReader>(ref TReader reader)
        where TReader : IAlpacaOptionalFieldReader, allows ref struct
    {
        if (!reader.BeginObject())
        {
            throw new AlpacaDecodeException("A trade update's data is null.");
        }

        string? eventText = null;
        Order? order = null;
        var timestamp = default(AlpacaTimestamp);
        decimal? price = null, quantity = null, positionQuantity = null;
        Guid? executionId = null;
        while (reader.TryReadField(out var name))
        {
            if (name.SequenceEqual("event"u8))
            {
                eventText = reader.ReadInternedString();
            }
            else if (name.SequenceEqual("order"u8))
            {
                order = OrderDecoder.Read(ref reader);
            }
            else if (name.SequenceEqual("timestamp"u8))
            {
                timestamp = reader.ReadTimestamp();
            }
            else if (name.SequenceEqual("price"u8))
            {
                price = OrderDecoder.OptionalDecimal(ref reader);
            }
            else if (name.SequenceEqual("qty"u8))
            {
                quantity = OrderDecoder.OptionalDecimal(ref reader);
            }
            else if (name.SequenceEqual("position_qty"u8))
            {
                positionQuantity = OrderDecoder.OptionalDecimal(ref reader);
            }
            else if (name.SequenceEqual("execution_id"u8))
            {
                executionId = OrderDecoder.OptionalGuid(ref reader, "execution_id");
            }
            else
            {
                reader.Skip();
            }
        }

        if (string.IsNullOrEmpty(eventText))
        {
            throw new AlpacaDecodeException("A trade update has no 'event' field.");
        }

        return new TradeUpdate
        {
            Event = TradingWireNames.ParseTradeUpdateEvent(eventText),
            EventText = eventText,
            Timestamp = timestamp,
            Price = price,
            Quantity = quantity,
            PositionQuantity = positionQuantity,
            ExecutionId = executionId,
            Order = order ?? throw new AlpacaDecodeException($"A '{eventText}' trade update has no 'order' field."),
        };
    }
}
