using System.Text;
using System.Text.Json;

namespace WebsocketProxy.Streaming;

/// <summary>
/// One message whose type code no channel of the protocol declares: for Alpaca the <c>success</c>,
/// <c>error</c> and <c>subscription</c> replies, in JSON or (from a MessagePack connection) MessagePack. The
/// memory is only valid during the handler call.
/// </summary>
public readonly ref struct ControlMessage
{
    private readonly ReadOnlySpan<byte> _payload;
    private readonly ReadOnlySpan<byte> _discriminator;

    internal ControlMessage(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> discriminator, StreamWireFormat format = StreamWireFormat.Json)
    {
        _payload = payload;
        _discriminator = discriminator;
        Format = format;
    }

    /// <summary>How the message is encoded: <see cref="Json"/> or <see cref="MessagePack"/> holds it.</summary>
    public StreamWireFormat Format { get; }

    /// <summary>The message's JSON object, exactly as received; empty when it came as MessagePack.</summary>
    public ReadOnlySpan<byte> Json => Format == StreamWireFormat.Json ? _payload : default;

    /// <summary>The message's MessagePack map, exactly as received; empty when it came as JSON.</summary>
    public ReadOnlySpan<byte> MessagePack => Format == StreamWireFormat.MessagePack ? _payload : default;

    /// <summary>The message's type code (the discriminator's value), or <see langword="null"/> when it has none or it is not a string.</summary>
    public string? TypeCode => Format == StreamWireFormat.Json ? JsonTypeCode() : MessagePackTypeCode();

    /// <inheritdoc />
    public override string ToString() => Format == StreamWireFormat.Json
        ? Encoding.UTF8.GetString(_payload)
        : $"MessagePack ({_payload.Length} bytes) {Convert.ToHexString(_payload[..Math.Min(_payload.Length, 512)])}";

    private string? JsonTypeCode()
    {
        var reader = new Utf8JsonReader(_payload);
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

    private string? MessagePackTypeCode()
    {
        try
        {
            var position = 0;
            if (!StreamMessagePack.TryReadMapHeader(_payload, ref position, out var count))
            {
                return null;
            }

            for (var i = 0; i < count; i++)
            {
                if (!StreamMessagePack.TryReadString(_payload, ref position, out var key))
                {
                    StreamMessagePack.Skip(_payload, ref position);
                }
                else if (key.SequenceEqual(_discriminator))
                {
                    return StreamMessagePack.TryReadString(_payload, ref position, out var code) ? Encoding.UTF8.GetString(code) : null;
                }

                StreamMessagePack.Skip(_payload, ref position);
            }
        }
        catch (InvalidDataException)
        {
            // Malformed: no type code.
        }

        return null;
    }
}
