namespace WebsocketProxy.Streaming;

/// <summary>Topics of one channel that this process asks the proxy to subscribe.</summary>
/// <param name="Channel">The channel name, as in the subscribe message.</param>
/// <param name="Topics">The topics of the stream being opened (symbols, or <c>*</c>); the process may hold some of them already.</param>
public sealed record SubscriptionRequest(string Channel, IReadOnlyList<string> Topics);
