namespace WebsocketProxy.Protocol;

/// <summary>The client leaves: the proxy releases everything it held and reads its request ring no more.</summary>
/// <param name="CorrelationId">Matches the reply.</param>
public sealed record GoodbyeCommand(long CorrelationId) : Command(CorrelationId)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.Goodbye;
}
