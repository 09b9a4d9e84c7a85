using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MessagePack;

namespace WebsocketProxy.Alpaca.Gateway.Protocol;

/// <summary>
/// Reads one client message as Alpaca does: exactly one JSON object in a text frame, or one MessagePack map in a
/// binary frame (what the official SDKs send once they asked for MessagePack). Anything else, a second value, an
/// unknown action or a malformed symbol is error 400; symbols on a channel the endpoint lacks are 410; <c>*</c> on
/// option quotes is 413. Null or empty lists ask for nothing (the Go SDK sends every key on every message).
/// </summary>
internal static class ClientRequestParser
{
    private const int MaxSymbolLength = 64;

    // Client input is untrusted: bounded depth and no hash flooding.
    private static readonly MessagePackSerializerOptions Untrusted = MessagePackSerializerOptions.Standard.WithSecurity(MessagePackSecurity.UntrustedData);

    public static ClientRequest Parse(ReadOnlySpan<byte> payload, WebSocketMessageType type, GatewayEndpoint endpoint)
    {
        if (type == WebSocketMessageType.Binary)
        {
            if (!TryConvertMessagePack(payload, out var json))
            {
                return ClientRequest.Invalid(GatewayError.InvalidSyntax);
            }

            return ParseJson(Encoding.UTF8.GetBytes(json), endpoint);
        }

        return ParseJson(payload, endpoint);
    }

    private static bool TryConvertMessagePack(ReadOnlySpan<byte> payload, out string json)
    {
        json = string.Empty;
        var reader = new MessagePackReader(new ReadOnlySequence<byte>(payload.ToArray()));
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

    private static ClientRequest ParseJson(ReadOnlySpan<byte> json, GatewayEndpoint endpoint)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
            if (!JsonDocument.TryParseValue(ref reader, out var parsed) || parsed is null)
            {
                return ClientRequest.Invalid(GatewayError.InvalidSyntax);
            }

            // One value per message: anything after it is a second message, which Alpaca refuses.
            if (reader.Read())
            {
                parsed.Dispose();
                return ClientRequest.Invalid(GatewayError.InvalidSyntax);
            }

            document = parsed;
        }
        catch (JsonException)
        {
            return ClientRequest.Invalid(GatewayError.InvalidSyntax);
        }

        using (document)
        {
            return Interpret(document.RootElement, endpoint);
        }
    }

    private static ClientRequest Interpret(JsonElement root, GatewayEndpoint endpoint)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("action", out var action)
            || action.ValueKind != JsonValueKind.String)
        {
            return ClientRequest.Invalid(GatewayError.InvalidSyntax);
        }

        return action.GetString() switch
        {
            "auth" => ParseAuth(root),
            "subscribe" => ParseSubscription(root, endpoint, ClientAction.Subscribe),
            "unsubscribe" => ParseSubscription(root, endpoint, ClientAction.Unsubscribe),
            _ => ClientRequest.Invalid(GatewayError.InvalidSyntax),
        };
    }

    private static ClientRequest ParseAuth(JsonElement root)
    {
        if (!root.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("secret", out var secret) || secret.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(key.GetString()) || string.IsNullOrWhiteSpace(secret.GetString()))
        {
            return ClientRequest.Invalid(GatewayError.InvalidSyntax);
        }

        return ClientRequest.Auth(key.GetString()!, secret.GetString()!);
    }

    private static ClientRequest ParseSubscription(JsonElement root, GatewayEndpoint endpoint, ClientAction action)
    {
        var channels = new Dictionary<int, string[]>();
        foreach (var property in root.EnumerateObject())
        {
            // corrections and cancelErrors follow trades; the server decides them, so a client's are ignored.
            if (property.NameEquals("action") || property.NameEquals("corrections") || property.NameEquals("cancelErrors"))
            {
                continue;
            }

            if (property.Value.ValueKind == JsonValueKind.Null
                || (property.Value.ValueKind == JsonValueKind.Array && property.Value.GetArrayLength() == 0))
            {
                continue;
            }

            var channel = endpoint.ChannelIndex(property.Name);
            if (channel < 0)
            {
                return ClientRequest.Invalid(GatewayError.InvalidSubscribeAction);
            }

            if (property.Value.ValueKind != JsonValueKind.Array)
            {
                return ClientRequest.Invalid(GatewayError.InvalidSyntax);
            }

            var symbols = new List<string>(property.Value.GetArrayLength());
            foreach (var item in property.Value.EnumerateArray())
            {
                var symbol = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                if (symbol is null || !IsValidSymbol(symbol, endpoint))
                {
                    return ClientRequest.Invalid(GatewayError.InvalidSyntax);
                }

                if (endpoint.Market == MarketKind.Options && action == ClientAction.Subscribe && property.NameEquals("quotes") && symbol == GatewayEndpoint.Star)
                {
                    return ClientRequest.Invalid(GatewayError.StarNotAllowed);
                }

                symbols.Add(symbol);
            }

            channels[channel] = channels.TryGetValue(channel, out var earlier) ? [.. earlier, .. symbols] : [.. symbols];
        }

        return ClientRequest.Subscription(action, channels);
    }

    private static bool IsValidSymbol(string symbol, GatewayEndpoint endpoint)
    {
        if (symbol == GatewayEndpoint.Star)
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

        // Crypto pairs are written BASE/QUOTE: "BTCUSD" is a syntax error there.
        return endpoint.Market != MarketKind.Crypto || symbol.Contains('/', StringComparison.Ordinal);
    }
}

