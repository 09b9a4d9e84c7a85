using System.Text.Json;
using WebsocketProxy.Alpaca.Errors;
using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>Decodes the control message <c>error</c>.</summary>
internal static class ErrorMessageDecoder
{
    /// <summary>Reads an <see cref="ErrorMessage"/> from JSON; <paramref name="json"/> stands on the message's start and is left on its end.</summary>
    public static ErrorMessage Read(ref Utf8JsonReader json, AlpacaDecodeContext context)
    {
        var reader = new JsonFieldReader(json, context);
        var message = Read(ref reader);
        json = reader.Json;
        return message;
    }

    /// <summary>
    /// Reads a <see cref="ErrorMessage"/> from the JSON object at the start of <paramref name="json"/> (the generated
    /// dispatcher's fast path: a hand-written scanner, no <see cref="Utf8JsonReader"/>); <paramref name="consumed"/> is
    /// the object's length.
    /// </summary>
    public static ErrorMessage ReadJson(ReadOnlySpan<byte> json, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new Utf8JsonFieldReader(json, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }

    /// <summary>
    /// Reads a <see cref="ErrorMessage"/> from any wire format: the reader stands on the message's map and is left at
    /// its end. Fields come in any order; unknown ones are skipped.
    /// </summary>
    /// <exception cref="AlpacaDecodeException">A required field is missing or a value has the wrong type.</exception>
    public static ErrorMessage Read<TReader>(ref TReader reader)
        where TReader : IAlpacaFieldReader, allows ref struct
    {
        if (!reader.BeginObject())
        {
            throw new AlpacaDecodeException("An 'error' message is null.");
        }

        long? code = null;
        var text = string.Empty;
        while (reader.TryReadField(out var name))
        {
            if (name.SequenceEqual("code"u8))
            {
                code = reader.ReadInt64();
            }
            else if (name.SequenceEqual("msg"u8))
            {
                text = reader.ReadString();
            }
            else
            {
                reader.Skip();
            }
        }

        return new ErrorMessage
        {
            Code = code is { } value and >= int.MinValue and <= int.MaxValue
                ? (AlpacaErrorCode)(int)value
                : throw AlpacaDecodeException.MissingField("code", "error"),
            Message = text,
        };
    }

    /// <summary>Reads a <see cref="ErrorMessage"/> from the MessagePack map at the start of <paramref name="message"/>; <paramref name="consumed"/> is the map's length.</summary>
    public static ErrorMessage Read(ReadOnlySpan<byte> message, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new MessagePackFieldReader(message, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }
}
