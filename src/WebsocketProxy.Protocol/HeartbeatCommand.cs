namespace WebsocketProxy.Protocol;

/// <summary>Sent about once a second so the proxy can report each reader's loss and lag; never answered.</summary>
/// <param name="CorrelationId">Unused (0): no reply is written.</param>
/// <param name="Received">Broadcast records the client has read.</param>
/// <param name="Lost">Broadcast records the client lost by falling a lap behind.</param>
public sealed record HeartbeatCommand(long CorrelationId, long Received, long Lost) : Command(CorrelationId)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.Heartbeat;
}
