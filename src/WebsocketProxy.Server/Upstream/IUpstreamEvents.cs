using System.Net.WebSockets;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Server.Upstream;

/// <summary>Where an upstream connection delivers its messages and events (the broadcast ring in the proxy).</summary>
internal interface IUpstreamEvents
{
    /// <summary>One whole upstream message.</summary>
    void OnMessage(long connectionId, WebSocketMessageType messageType, ReadOnlySpan<byte> payload);

    /// <summary>A lifecycle event: opened, reconnected (argument = outage ticks), disconnected, error or closed.</summary>
    void OnEvent(EventKind kind, long connectionId, long argument, string? message);
}
