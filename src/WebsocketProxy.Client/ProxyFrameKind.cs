namespace WebsocketProxy.Client;

/// <summary>What a <see cref="ProxyFrame"/> carries.</summary>
public enum ProxyFrameKind
{
    /// <summary>A WebSocket message from upstream, whole, in <see cref="ProxyFrame.Payload"/>.</summary>
    Data,

    /// <summary>The upstream connection is open (and ready, when the opener gave a readiness marker).</summary>
    Opened,

    /// <summary>The upstream connection came back after an outage; subscriptions were restored. <see cref="ProxyFrame.Outage"/> says how long it lasted.</summary>
    Reconnected,

    /// <summary>Messages were lost before reaching this client (ring overrun, proxy restart); <see cref="ProxyFrame.LostMessages"/> counts them when known.</summary>
    Gap,

    /// <summary>An error about this connection; <see cref="ProxyFrame.Message"/> explains it.</summary>
    Error,

    /// <summary>The upstream connection is closed for good; no more frames follow.</summary>
    Closed,
}
