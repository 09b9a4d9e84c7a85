namespace WebsocketProxy.Streaming;

/// <summary>How a protocol's messages are encoded.</summary>
public enum StreamWireFormat
{
    /// <summary>UTF-8 JSON: an object or an array of objects.</summary>
    Json,

    /// <summary>MessagePack: a map or an array of maps, with the same keys as the JSON objects.</summary>
    MessagePack,
}
