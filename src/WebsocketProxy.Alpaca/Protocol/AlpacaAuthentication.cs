using System.Text;
using System.Text.Json;

namespace WebsocketProxy.Alpaca.Protocol;

/// <summary>
/// What each <see cref="AlpacaAuthMode"/> puts on the wire: handshake headers or a prelude message. Both end up in
/// the proxy's connection key (a keyed hash), so different credentials never share an upstream; both hold the
/// secret, so neither is ever logged.
/// </summary>
internal static class AlpacaAuthentication
{
    public const string KeyIdHeader = "APCA-API-KEY-ID";
    public const string SecretHeader = "APCA-API-SECRET-KEY";
    public const string AuthorizationHeader = "Authorization";

    /// <summary>The <c>key</c> of a market-data <c>auth</c> message that carries an access token in <c>secret</c>.</summary>
    public const string AccessTokenKey = "access_token";

    /// <summary>
    /// The handshake headers and prelude of a market-data stream. Whatever the form, Alpaca answers
    /// <c>[{"T":"success","msg":"authenticated"}]</c> after <c>connected</c> (for header forms without being asked),
    /// or error 402, so readiness is the same for all.
    /// </summary>
    public static (Dictionary<string, string> Headers, List<string> Prelude) ForMarketData(AlpacaCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return credentials.Mode switch
        {
            AlpacaAuthMode.Message or AlpacaAuthMode.OAuth => ([], [Encoding.UTF8.GetString(AlpacaAuthMessage.Build(credentials))]),
            AlpacaAuthMode.Headers => (KeyHeaders(credentials), []),
            AlpacaAuthMode.BrokerBasic => (new Dictionary<string, string> { [AuthorizationHeader] = BasicValue(credentials) }, []),
            _ => throw new ArgumentOutOfRangeException(nameof(credentials), credentials.Mode, "Unknown Alpaca authentication mode."),
        };
    }

    /// <summary>
    /// The handshake headers and prelude of the trading stream (<c>trade_updates</c>). Alpaca documents only the
    /// message there, so both key forms send <c>{"action":"authenticate","data":{"key_id":…,"secret_key":…}}</c> and a
    /// token sends <c>{"action":"authenticate","data":{"oauth_token":…}}</c> (as the official C# SDK does); the reply is
    /// <c>{"stream":"authorization","data":{"status":"authorized",…}}</c>, or <c>"unauthorized"</c> with a message.
    /// </summary>
    /// <exception cref="NotSupportedException">Broker API credentials: the Broker API has no trading WebSocket (its events are server-sent events).</exception>
    public static (Dictionary<string, string> Headers, List<string> Prelude) ForTradingStream(AlpacaCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return credentials.Mode switch
        {
            AlpacaAuthMode.Message or AlpacaAuthMode.Headers or AlpacaAuthMode.OAuth => ([], [TradingMessage(credentials)]),
            AlpacaAuthMode.BrokerBasic => throw new NotSupportedException("Broker API credentials have no trading WebSocket: the Broker API streams trade events over server-sent events."),
            _ => throw new ArgumentOutOfRangeException(nameof(credentials), credentials.Mode, "Unknown Alpaca authentication mode."),
        };
    }

    /// <summary><c>Basic base64(key:secret)</c>, UTF-8 as RFC 7617 recommends (the same bytes as ASCII for Alpaca's keys).</summary>
    public static string BasicValue(AlpacaCredentials credentials) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.KeyId}:{credentials.Secret}"));

    private static Dictionary<string, string> KeyHeaders(AlpacaCredentials credentials) =>
        new() { [KeyIdHeader] = credentials.KeyId, [SecretHeader] = credentials.Secret };

    private static string TradingMessage(AlpacaCredentials credentials)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(96 + credentials.KeyId.Length + credentials.Secret.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("action"u8, "authenticate"u8);
            writer.WriteStartObject("data"u8);
            if (credentials.Mode == AlpacaAuthMode.OAuth)
            {
                writer.WriteString("oauth_token"u8, credentials.Secret);
            }
            else
            {
                writer.WriteString("key_id"u8, credentials.KeyId);
                writer.WriteString("secret_key"u8, credentials.Secret);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
