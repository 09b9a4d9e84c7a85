namespace WebsocketProxy.Protocol;

/// <summary>
/// Counts (or releases) this client's subscription to topics; the proxy sends upstream only the topics whose count
/// crosses zero, rendered with the template the client registered under <paramref name="TemplateId"/>
/// (<see cref="RegisterTemplateCommand"/>, earlier in the same ring).
/// </summary>
/// <param name="CorrelationId">Matches the reply.</param>
/// <param name="IsSubscribe"><see langword="true"/> to subscribe, <see langword="false"/> to unsubscribe.</param>
/// <param name="ConnectionId">The id the open's reply gave.</param>
/// <param name="TemplateId">The id this client registered the template under on this connection.</param>
/// <param name="Topics">The topics, at most <see cref="CommandCodec.MaxTopicsPerCommand"/>.</param>
public sealed record SubscriptionCommand(long CorrelationId, bool IsSubscribe, long ConnectionId, int TemplateId, IReadOnlyList<string> Topics) : Command(CorrelationId)
{
    /// <inheritdoc/>
    public override CommandKind Kind => IsSubscribe ? CommandKind.Subscribe : CommandKind.Unsubscribe;
}
