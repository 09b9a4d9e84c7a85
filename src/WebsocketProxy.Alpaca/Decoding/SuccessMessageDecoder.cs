using System.Text.Json;
using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>Decodes the control message <c>success</c>.</summary>
public sealed class SuccessMessageDecoder : IAlpacaMessageDecoder<SuccessMessage>
{
    private SuccessMessageDecoder()
    {
    }

    /// <summary>Reads a <see cref="SuccessMessage"/> from JSON; <paramref name="json"/> stands on the message's start and is left on its end.</summary>
    public static SuccessMessage Read(ref Utf8JsonReader json, AlpacaDecodeContext context)
    {
        var reader = new JsonFieldReader(json, context);
        var message = Read(ref reader);
        json = reader.Json;
        return message;
    }

    /// <inheritdoc />
    public static SuccessMessage Read<TReader>(ref TReader reader)
        where TReader : IAlpacaFieldReader, allows ref struct
    {
        if (!reader.BeginObject())
        {
            throw new AlpacaDecodeException("A 'success' message is null.");
        }

        var text = string.Empty;
        while (reader.TryReadField(out var name))
        {
            if (name.SequenceEqual("msg"u8))
            {
                text = reader.ReadInternedString();
            }
            else
            {
                reader.Skip();
            }
        }

        return new SuccessMessage { Message = text };
    }
}
