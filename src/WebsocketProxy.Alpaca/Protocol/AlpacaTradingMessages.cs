using System.Buffers;
using System.Text.Json;

namespace WebsocketProxy.Alpaca.Protocol;

/// <summary>The messages of Alpaca's trading stream (<c>/stream</c>): authenticate, and listen to <c>trade_updates</c>.</summary>
internal static class AlpacaTradingMessages
{
    /// <summary>The one stream of the trading connection.</summary>
    public const string TradeUpdates = "trade_updates";

    /// <summary>
    /// The listen message, with <c>{topics}</c> where the proxy puts the stream names (<c>"trade_updates"</c>): listening is
    /// the trading connection's subscription, so the proxy sends it after authentication and again after every reconnect.
    /// </summary>
    public const string ListenTemplate = """{"action":"listen","data":{"streams":[{topics}]}}""";

    /// <summary>
    /// <c>{"action":"authenticate","data":{"key_id":…,"secret_key":…}}</c>, or <c>{"oauth_token":…}</c> in <c>data</c> for an
    /// OAuth token; JSON-escaped. It holds the secret: do not log it.
    /// </summary>
    public static byte[] Authenticate(AlpacaCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var buffer = new ArrayBufferWriter<byte>(96 + credentials.KeyId.Length + credentials.Secret.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("action"u8, "authenticate"u8);
            writer.WriteStartObject("data"u8);
            if (credentials.Mode == AlpacaAuthMode.OAuth)
            {
                // The trading stream's OAuth form (alpaca-trade-api-js): the token in place of the key pair.
                writer.WriteString("oauth_token"u8, credentials.Secret);
            }
            else
            {
                // Header and Broker forms are the market-data upgrade's business; this stream takes the pair in its message.
                writer.WriteString("key_id"u8, credentials.KeyId);
                writer.WriteString("secret_key"u8, credentials.Secret);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The listen message for <c>trade_updates</c> alone, as the proxy renders <see cref="ListenTemplate"/>.</summary>
    public const string ListenToTradeUpdates = """{"action":"listen","data":{"streams":["trade_updates"]}}""";
}
