namespace WebsocketProxy.Streaming;

/// <summary>
/// One in-process listener on one channel and its topics. Disposing it stops delivery and gives its topics
/// back to the connection; upstream unsubscribes a topic once nobody (in any process) holds it.
/// </summary>
public abstract class StreamSubscription : IAsyncDisposable
{
    private readonly ConnectionRouter _router;
    private int _disposed;

    private protected StreamSubscription(ConnectionRouter router, StreamChannel channel, IReadOnlyList<string> topics)
    {
        _router = router;
        Channel = channel;
        Topics = topics;
    }

    /// <summary>The channel listened to.</summary>
    public StreamChannel Channel { get; }

    /// <summary>The topics listened to: symbols, or <c>*</c>.</summary>
    public IReadOnlyList<string> Topics { get; }

    /// <summary>How many messages the buffer policy dropped.</summary>
    public abstract long Dropped { get; }

    internal abstract bool NeedsSymbol { get; }

    internal abstract bool EndsOnGap { get; }

    /// <summary>Stops delivery and releases the topics.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Complete(null);
        await _router.ReleaseAsync(this).ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Ends delivery; a buffered consumer drains, then sees the end or <paramref name="error"/>.</summary>
    internal abstract void Complete(Exception? error);
}
