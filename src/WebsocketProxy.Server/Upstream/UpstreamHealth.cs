namespace WebsocketProxy.Server.Upstream;

/// <summary>
/// What <c>websocket-proxy status</c> shows about one upstream connection: whether it is connected or
/// reconnecting, since when, how often it came back, and why it last dropped.
/// </summary>
internal sealed record UpstreamHealth(bool Connected, DateTimeOffset Since, int Reconnects, string? LastDrop);
