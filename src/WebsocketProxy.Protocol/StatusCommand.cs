namespace WebsocketProxy.Protocol;

/// <summary>Asks for the proxy's status report; the reply body is UTF-8 text.</summary>
/// <param name="CorrelationId">Matches the reply.</param>
public sealed record StatusCommand(long CorrelationId) : Command(CorrelationId)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.Status;
}
