using System.Net.WebSockets;

namespace WebsocketProxy.Client;

/// <summary>
/// One item of a connection's ordered stream: an upstream message or an event about the connection.
/// The <see cref="Payload"/> memory is only valid until the enumerator moves on; copy it to keep it.
/// </summary>
/// <param name="Kind">What this item carries.</param>
/// <param name="ConnectionId">The proxy's id of the upstream connection.</param>
/// <param name="Payload">The message bytes for <see cref="ProxyFrameKind.Data"/>; empty otherwise.</param>
/// <param name="MessageType">Text or binary, as upstream sent it.</param>
/// <param name="Message">A human-readable explanation for events.</param>
/// <param name="Outage">For <see cref="ProxyFrameKind.Reconnected"/>: how long the upstream was away.</param>
/// <param name="LostMessages">For <see cref="ProxyFrameKind.Gap"/>: how many messages were lost, when known.</param>
public readonly record struct ProxyFrame(
    ProxyFrameKind Kind,
    long ConnectionId,
    ReadOnlyMemory<byte> Payload,
    WebSocketMessageType MessageType = WebSocketMessageType.Text,
    string? Message = null,
    TimeSpan Outage = default,
    long LostMessages = 0);
