namespace WebsocketProxy.Streaming;

/// <summary>Topics of one channel that this process asks the proxy to subscribe.</summary>
/// <param name="Channel">The channel name, as in the subscribe message.</param>
/// <param name="Topics">The topics newly needed by this process (symbols, or <c>*</c>).</param>
public sealed record SubscriptionRequest(string Channel, IReadOnlyList<string> Topics);
