namespace WebsocketProxy.Alpaca.Gateway.Protocol;

/// <summary>How a client reads and writes: chosen by <c>Content-Type: application/msgpack</c> on its upgrade, as on Alpaca.</summary>
internal enum ClientCodec
{
    /// <summary>JSON arrays in text frames.</summary>
    Json,

    /// <summary>MessagePack arrays in binary frames.</summary>
    MessagePack,
}
