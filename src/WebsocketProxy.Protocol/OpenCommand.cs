using WebsocketProxy.Client;

namespace WebsocketProxy.Protocol;

/// <summary>
/// Opens a connection, or joins the one the proxy already holds for equal options. Its reply body is the connection
/// id (<c>i64</c>) and whether the connection is new (<c>u8</c>).
/// </summary>
/// <param name="CorrelationId">Matches the reply.</param>
/// <param name="Options">The connection's options.</param>
/// <param name="Restoring">
/// A client restores a connection that a previous proxy held (it died): upstream still counts that session for a
/// while, so the proxy treats the first connect as a reconnect after a drop (<c>RetryAfterDropMarkers</c> are
/// waited out) and answers at once, the connection starting in an outage.
/// </param>
public sealed record OpenCommand(long CorrelationId, ProxyConnectionOptions Options, bool Restoring = false) : Command(CorrelationId)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.Open;
}
