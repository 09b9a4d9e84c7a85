namespace WebsocketProxy.Alpaca;

/// <summary>How <see cref="AlpacaCredentials"/> reach Alpaca when a stream connects.</summary>
public enum AlpacaAuthMode
{
    /// <summary>
    /// Key id and secret in an <c>auth</c> message after the WebSocket opens, as the official SDKs do (the default).
    /// </summary>
    Message,

    /// <summary>Key id and secret as the <c>APCA-API-KEY-ID</c> and <c>APCA-API-SECRET-KEY</c> headers of the WebSocket handshake.</summary>
    Headers,

    /// <summary>
    /// Broker API: <c>Authorization: Basic base64(key:secret)</c> on the WebSocket handshake, with the broker's key
    /// (market data only: the Broker API has no trading WebSocket).
    /// </summary>
    BrokerBasic,

    /// <summary>
    /// An OAuth access token. Market data receives it in an <c>auth</c> message whose key is <c>access_token</c>
    /// (as the official Go SDK sends the tokens of Alpaca's token service); the trading stream receives it as
    /// <c>{"action":"authenticate","data":{"oauth_token":…}}</c>.
    /// </summary>
    OAuth,
}
