namespace WebsocketProxy.Client;

/// <summary>
/// How the proxy sends the messages it composes for a connection: the <see cref="ProxyConnectionOptions.Prelude"/>
/// and the subscribe and unsubscribe messages it renders from <see cref="SubscriptionTemplate"/>s. Both are written as
/// JSON text either way; the format decides what goes on the wire.
/// </summary>
public enum ProxyMessageFormat
{
    /// <summary>As written, in text frames.</summary>
    Text,

    /// <summary>
    /// Converted to MessagePack (objects to maps, arrays to arrays, integers to the smallest integer form, other
    /// numbers to float64) and sent in binary frames: for services that speak MessagePack once asked to, such as
    /// Alpaca's market data with <c>Content-Type: application/msgpack</c>. Every prelude message and every rendered
    /// subscribe or unsubscribe message must then be valid JSON, and templates insert topics as JSON strings.
    /// </summary>
    MessagePack,
}
