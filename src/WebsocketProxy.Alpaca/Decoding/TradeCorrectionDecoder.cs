using System.Collections.Immutable;
using System.Text.Json;
using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>Decodes trade corrections (<c>T</c> = <c>c</c>).</summary>
internal static class TradeCorrectionDecoder
{
    /// <summary>Reads a <see cref="TradeCorrection"/> from JSON; <paramref name="json"/> stands on the message's start and is left on its end.</summary>
    public static TradeCorrection Read(ref Utf8JsonReader json, AlpacaDecodeContext context)
    {
        var reader = new JsonFieldReader(json, context);
        var message = Read(ref reader);
        json = reader.Json;
        return message;
    }

    /// <summary>
    /// Reads a <see cref="TradeCorrection"/> from the JSON object at the start of <paramref name="json"/> (the generated
    /// dispatcher's fast path: a hand-written scanner, no <see cref="Utf8JsonReader"/>); <paramref name="consumed"/> is
    /// the object's length.
    /// </summary>
    public static TradeCorrection ReadJson(ReadOnlySpan<byte> json, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new Utf8JsonFieldReader(json, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }

    /// <summary>
    /// Reads a <see cref="TradeCorrection"/> from any wire format: the reader stands on the message's map and is left at
    /// its end. Fields come in any order; unknown ones are skipped.
    /// </summary>
    /// <exception cref="AlpacaDecodeException">A required field is missing or a value has the wrong type.</exception>
    public static TradeCorrection Read<TReader>(ref TReader reader)
        where TReader : IAlpacaFieldReader, allows ref struct
    {
        if (!reader.BeginObject())
        {
            throw new AlpacaDecodeException("A 'c' message is null.");
        }

        string? symbol = null;
        var timestamp = default(AlpacaTimestamp);
        var exchange = string.Empty;
        var originalId = 0L;
        var originalPrice = 0m;
        var originalSize = 0L;
        var originalConditions = ImmutableArray<string>.Empty;
        var correctedId = 0L;
        var correctedPrice = 0m;
        var correctedSize = 0L;
        var correctedConditions = ImmutableArray<string>.Empty;
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
                case 'x':
                    exchange = reader.ReadInternedString();
                    break;
                case FieldKey.Oi:
                    originalId = reader.ReadInt64();
                    break;
                case FieldKey.Op:
                    originalPrice = reader.ReadDecimal();
                    break;
                case FieldKey.Os:
                    originalSize = reader.ReadInt64();
                    break;
                case FieldKey.Oc:
                    originalConditions = reader.ReadStringArray();
                    break;
                case FieldKey.Ci:
                    correctedId = reader.ReadInt64();
                    break;
                case FieldKey.Cp:
                    correctedPrice = reader.ReadDecimal();
                    break;
                case FieldKey.Cs:
                    correctedSize = reader.ReadInt64();
                    break;
                case FieldKey.Cc:
                    correctedConditions = reader.ReadStringArray();
                    break;
                case 'z':
                    tape = reader.ReadInternedString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new TradeCorrection
        {
            Symbol = symbol ?? throw AlpacaDecodeException.MissingField("S", "c"),
            Timestamp = timestamp,
            Exchange = exchange,
            OriginalId = originalId,
            OriginalPrice = originalPrice,
            OriginalSize = originalSize,
            OriginalConditions = originalConditions,
            CorrectedId = correctedId,
            CorrectedPrice = correctedPrice,
            CorrectedSize = correctedSize,
            CorrectedConditions = correctedConditions,
            Tape = tape,
        };
    }

    /// <summary>Reads a <see cref="TradeCorrection"/> from the MessagePack map at the start of <paramref name="message"/>; <paramref name="consumed"/> is the map's length.</summary>
    public static TradeCorrection Read(ReadOnlySpan<byte> message, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new MessagePackFieldReader(message, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }
}
