using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MessagePack;
using WebsocketProxy.Alpaca.Simulator.Market;

namespace WebsocketProxy.Alpaca.Simulator.Protocol;

/// <summary>
/// Reads one client message: exactly one JSON object in a text frame, or exactly one MessagePack map in a binary
/// frame, which is what the official SDKs send once they asked for MessagePack (alpaca-py and the JS SDK pack
/// auth, subscribe and unsubscribe; alpaca-py splits a long subscribe over several frames of one message). A
/// second value in the message is error 400, as in JSON.
/// </summary>
internal static class ClientMessageParser
{
    private const int MaxSymbolLength = 64;

    // Client input is untrusted: bounded depth and no hash-flooding.
    private static readonly MessagePackSerializerOptions Untrusted = MessagePackSerializerOptions.Standard.WithSecurity(MessagePackSecurity.UntrustedData);

    /// <summary>Parses a whole message of either frame type; <paramref name="text"/> is its JSON form (for the record), or hex when it is not MessagePack.</summary>
    public static ClientMessage Parse(ReadOnlySpan<byte> payload, WebSocketMessageType type, StreamEndpoint endpoint, out string text)
    {
        if (type != WebSocketMessageType.Binary)
        {
            text = Encoding.UTF8.GetString(payload);
            return Parse(payload, endpoint);
        }

        if (!TryConvertMessagePack(payload, out text))
        {
            text = Convert.ToHexString(payload);
            return ClientMessage.Invalid(ProtocolError.InvalidSyntax);
        }

        return Parse(Encoding.UTF8.GetBytes(text), endpoint);
    }

    /// <summary>One MessagePack value as JSON; false when the bytes are not exactly one valid value.</summary>
    private static bool TryConvertMessagePack(ReadOnlySpan<byte> payload, out string json)
    {
        json = string.Empty;
        var bytes = new ReadOnlySequence<byte>(payload.ToArray());
        var reader = new MessagePackReader(bytes);
        try
        {
            using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            MessagePackSerializer.ConvertToJson(ref reader, writer, Untrusted);
            json = writer.ToString();
            return reader.End;
        }
        catch (Exception ex) when (ex is MessagePackSerializationException or EndOfStreamException or InsufficientExecutionStackException)
        {
            return false;
        }
    }

    public static ClientMessage Parse(ReadOnlySpan<byte> json, StreamEndpoint endpoint)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
            if (!JsonDocument.TryParseValue(ref reader, out var parsed) || parsed is null)
            {
                return ClientMessage.Invalid(ProtocolError.InvalidSyntax);
            }

            // TryParseValue stops after one value: anything but whitespace after it is a second message.
            if (reader.Read())
            {
                parsed.Dispose();
                return ClientMessage.Invalid(ProtocolError.InvalidSyntax);
            }

            document = parsed;
        }
        catch (JsonException)
        {
            return ClientMessage.Invalid(ProtocolError.InvalidSyntax);
        }

        using (document)
        {
            return Interpret(document.RootElement, endpoint);
        }
    }

    private static ClientMessage Interpret(JsonElement root, StreamEndpoint endpoint)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("action", out var actionElement)
            || actionElement.ValueKind != JsonValueKind.String)
        {
            return ClientMessage.Invalid(ProtocolError.InvalidSyntax);
        }

        switch (actionElement.GetString())
        {
            case "auth":
                return ParseAuth(root);
            case "subscribe":
                return ParseSubscription(root, endpoint, ClientAction.Subscribe);
            case "unsubscribe":
                return ParseSubscription(root, endpoint, ClientAction.Unsubscribe);
            default:
                return ClientMessage.Invalid(ProtocolError.InvalidSyntax);
        }
    }

    private static ClientMessage ParseAuth(JsonElement root)
    {
        if (!root.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("secret", out var secret) || secret.ValueKind != JsonValueKind.String)
        {
            return ClientMessage.Invalid(ProtocolError.InvalidSyntax);
        }

        return new ClientMessage(ClientAction.Auth) { Key = key.GetString(), Secret = secret.GetString() };
    }

    private static ClientMessage ParseSubscription(JsonElement root, StreamEndpoint endpoint, ClientAction action)
    {
        var channels = new Dictionary<Channel, string[]>();
        foreach (var property in root.EnumerateObject())
        {
            // corrections and cancelErrors follow trades; the server decides them, so a client's are ignored.
            if (property.NameEquals("action") || property.NameEquals("corrections") || property.NameEquals("cancelErrors"))
            {
                continue;
            }

            // Null or an empty list asks for nothing: the official Go SDK sends every channel key on every
            // (un)subscribe, unused ones as nil, including keys this endpoint does not serve. Only a key that asks
            // for symbols on a channel the endpoint lacks is error 410, as the real service answers.
            if (property.Value.ValueKind == JsonValueKind.Null
                || (property.Value.ValueKind == JsonValueKind.Array && property.Value.GetArrayLength() == 0))
            {
                continue;
            }

            if (!ChannelNames.TryParse(property.Name, out var channel) || !endpoint.Offers(channel))
            {
                return ClientMessage.Invalid(ProtocolError.InvalidSubscribeAction);
            }

            if (property.Value.ValueKind != JsonValueKind.Array)
            {
                return ClientMessage.Invalid(ProtocolError.InvalidSyntax);
            }

            var symbols = new List<string>();
            foreach (var item in property.Value.EnumerateArray())
            {
                var symbol = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                if (symbol is null || !IsValidSymbol(symbol, endpoint))
                {
                    return ClientMessage.Invalid(ProtocolError.InvalidSyntax);
                }

                // Every option contract's quotes would be far too many: the real service refuses "*" there.
                if (endpoint.Market == MarketKind.Options && channel == Channel.Quotes && symbol == SubscriptionSet.Star)
                {
                    return ClientMessage.Invalid(ProtocolError.StarNotAllowed);
                }

                symbols.Add(symbol);
            }

            channels[channel] = [.. symbols];
        }

        return new ClientMessage(action) { Channels = channels };
    }

    private static bool IsValidSymbol(string symbol, StreamEndpoint endpoint)
    {
        if (symbol == SubscriptionSet.Star)
        {
            return true;
        }

        if (symbol.Length == 0 || symbol.Length > MaxSymbolLength)
        {
            return false;
        }

        foreach (var c in symbol)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '/' or '-' or ':' or '_'))
            {
                return false;
            }
        }

        // Crypto pairs are written BASE/QUOTE; "BTCUSD" is a syntax error there. Options take OCC symbols only.
        return endpoint.Market switch
        {
            MarketKind.Crypto => symbol.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash && slash < symbol.Length - 1,
            MarketKind.Options => OccSymbol.TryParse(symbol, out _),
            _ => true,
        };
    }
}
