namespace WebsocketProxy.Alpaca;

/// <summary>How Alpaca's market-data streams are encoded on the wire, chosen per connection with <see cref="AlpacaProxyOptions.WireFormat"/>.</summary>
public enum AlpacaWireFormat
{
    /// <summary>
    /// MessagePack in binary frames, as the official SDKs use: the upgrade carries <c>Content-Type: application/msgpack</c>,
    /// the proxy packs authentication and (un)subscriptions, and Alpaca answers in MessagePack (smaller frames,
    /// timestamps with all nine fraction digits as binary). Options data is served in MessagePack only.
    /// </summary>
    MessagePack,

    /// <summary>JSON in text frames (readable in traces); not offered for options data (error 412).</summary>
    Json,
}
