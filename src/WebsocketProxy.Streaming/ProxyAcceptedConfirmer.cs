namespace WebsocketProxy.Streaming;

/// <summary>The default confirmer: a subscription is complete when the proxy accepted it.</summary>
internal sealed class ProxyAcceptedConfirmer : ISubscriptionConfirmer
{
    public static ProxyAcceptedConfirmer Instance { get; } = new();

    public ValueTask SubscribeAsync(SubscriptionRequest request, Func<CancellationToken, ValueTask> send, CancellationToken cancellationToken)
        => send(cancellationToken);
}
