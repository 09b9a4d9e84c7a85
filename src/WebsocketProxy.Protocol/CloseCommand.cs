namespace WebsocketProxy.Protocol;

/// <summary>Releases the client's hold on a connection (and its subscriptions there); the proxy closes it with the last holder.</summary>
/// <param name="CorrelationId">Matches the reply.</param>
/// <param name="ConnectionId">The id the open's reply gave.</param>
public sealed record CloseCommand(long CorrelationId, long ConnectionId) : Command(CorrelationId)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.Close;
}
