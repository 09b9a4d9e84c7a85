namespace WebsocketProxy.Streaming;

/// <summary>
/// Decides when a subscription is complete. A protocol layer (Alpaca) completes it on the server's
/// <c>subscription</c> reply, seen through <see cref="StreamOptions.ControlMessageHandler"/>, and throws
/// when the server refused it; the router applies <see cref="StreamOptions.SubscribeTimeout"/>.
/// </summary>
public interface ISubscriptionConfirmer
{
    /// <summary>
    /// Sends <paramref name="request"/> by calling <paramref name="send"/> (so the expectation can be
    /// registered before the reply can arrive) and completes once the subscription is confirmed.
    /// </summary>
    /// <param name="request">What is being subscribed.</param>
    /// <param name="send">Hands the request to the proxy.</param>
    /// <param name="cancellationToken">Cancelled on timeout or when the caller gives up.</param>
    ValueTask SubscribeAsync(SubscriptionRequest request, Func<CancellationToken, ValueTask> send, CancellationToken cancellationToken);
}
