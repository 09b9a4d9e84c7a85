using System.Text.Json;
using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>Decodes the control message <c>subscription</c>; channels the server left out stay empty.</summary>
internal static class SubscriptionStateDecoder
{
    /// <summary>Reads a <see cref="SubscriptionState"/> from JSON; <paramref name="json"/> stands on the message's start and is left on its end.</summary>
    public static SubscriptionState Read(ref Utf8JsonReader json, AlpacaDecodeContext context)
    {
        var reader = new JsonFieldReader(json, context);
        var message = Read(ref reader);
        json = reader.Json;
        return message;
    }

    /// <summary>
    /// Reads a <see cref="SubscriptionState"/> from the JSON object at the start of <paramref name="json"/> (the generated
    /// dispatcher's fast path: a hand-written scanner, no <see cref="Utf8JsonReader"/>); <paramref name="consumed"/> is
    /// the object's length.
    /// </summary>
    public static SubscriptionState ReadJson(ReadOnlySpan<byte> json, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new Utf8JsonFieldReader(json, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }

    /// <summary>
    /// Reads a <see cref="SubscriptionState"/> from any wire format: the reader stands on the message's map and is left at
    /// its end. Fields come in any order; unknown ones are skipped.
    /// </summary>
    /// <exception cref="AlpacaDecodeException">A required field is missing or a value has the wrong type.</exception>
    public static SubscriptionState Read<TReader>(ref TReader reader)
        where TReader : IAlpacaFieldReader, allows ref struct
    {
        if (!reader.BeginObject())
        {
            throw new AlpacaDecodeException("A 'subscription' message is null.");
        }

        var state = new SubscriptionState();
        while (reader.TryReadField(out var name))
        {
            // Rare message: a `with` per channel keeps the code short and the record immutable.
            state = name switch
            {
                _ when name.SequenceEqual("trades"u8) => state with { Trades = reader.ReadStringArray() },
                _ when name.SequenceEqual("quotes"u8) => state with { Quotes = reader.ReadStringArray() },
                _ when name.SequenceEqual("bars"u8) => state with { Bars = reader.ReadStringArray() },
                _ when name.SequenceEqual("dailyBars"u8) => state with { DailyBars = reader.ReadStringArray() },
                _ when name.SequenceEqual("updatedBars"u8) => state with { UpdatedBars = reader.ReadStringArray() },
                _ when name.SequenceEqual("statuses"u8) => state with { Statuses = reader.ReadStringArray() },
                _ when name.SequenceEqual("lulds"u8) => state with { Lulds = reader.ReadStringArray() },
                _ when name.SequenceEqual("imbalances"u8) => state with { Imbalances = reader.ReadStringArray() },
                _ when name.SequenceEqual("corrections"u8) => state with { Corrections = reader.ReadStringArray() },
                _ when name.SequenceEqual("cancelErrors"u8) => state with { CancelErrors = reader.ReadStringArray() },
                _ when name.SequenceEqual("orderbooks"u8) => state with { OrderBooks = reader.ReadStringArray() },
                _ when name.SequenceEqual("news"u8) => state with { News = reader.ReadStringArray() },
                _ => SkipValue(ref reader, state),
            };
        }

        return state;
    }

    private static SubscriptionState SkipValue<TReader>(ref TReader reader, SubscriptionState state)
        where TReader : IAlpacaFieldReader, allows ref struct
    {
        reader.Skip();
        return state;
    }

    /// <summary>Reads a <see cref="SubscriptionState"/> from the MessagePack map at the start of <paramref name="message"/>; <paramref name="consumed"/> is the map's length.</summary>
    public static SubscriptionState Read(ReadOnlySpan<byte> message, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new MessagePackFieldReader(message, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }
}
