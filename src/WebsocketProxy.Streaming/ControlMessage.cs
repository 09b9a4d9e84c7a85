using System.Text;
using System.Text.Json;

namespace WebsocketProxy.Streaming;

/// <summary>
/// One message whose type code no channel of the protocol declares: for Alpaca the <c>success</c>,
/// <c>error</c> and <c>subscription</c> replies. The memory is only valid during the handler call.
/// </summary>
public readonly ref struct ControlMessage
{
    private readonly ReadOnlySpan<byte> _discriminator;

    internal ControlMessage(ReadOnlySpan<byte> json, ReadOnlySpan<byte> discriminator)
    {
        Json = json;
        _discriminator = discriminator;
    }

    /// <summary>The message's JSON object, exactly as received.</summary>
    public ReadOnlySpan<byte> Json { get; }

    /// <summary>The message's type code (the discriminator's value), or <see langword="null"/> when it has none or it is not a string.</summary>
    public string? TypeCode
    {
        get
        {
            var reader = new Utf8JsonReader(Json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var depth = reader.CurrentDepth;
            while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && reader.ValueTextEquals(_discriminator))
                {
                    reader.Read();
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
            }

            return null;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Encoding.UTF8.GetString(Json);
}
