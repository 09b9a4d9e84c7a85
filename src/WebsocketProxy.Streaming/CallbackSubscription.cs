namespace WebsocketProxy.Streaming;

/// <summary>A listener that runs a callback on the shared frame reader for every message.</summary>
internal sealed class CallbackSubscription<T>(ConnectionRouter router, StreamChannel channel, IReadOnlyList<string> topics, Action<T> handler)
    : StreamSubscription(router, channel, topics), IStreamSink<T>
{
    private volatile bool _completed;

    public override long Dropped => 0;

    internal override bool NeedsSymbol => false;

    // Callbacks learn of gaps through the router's Gap event; there is no stream to end.
    internal override bool EndsOnGap => false;

    public void Post(T value, string? symbol)
    {
        if (!_completed)
        {
            handler(value);
        }
    }

    internal override void Complete(Exception? error) => _completed = true;
}
