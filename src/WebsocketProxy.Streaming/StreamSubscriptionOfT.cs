namespace WebsocketProxy.Streaming;

/// <summary>A buffered listener: the frame reader posts into a bounded buffer that one consumer reads.</summary>
/// <typeparam name="T">The message model.</typeparam>
public sealed class StreamSubscription<T> : StreamSubscription, IStreamSink<T>
{
    private readonly StreamBuffer<T> _buffer;
    private readonly Func<T, bool>? _filter;

    internal StreamSubscription(ConnectionRouter router, StreamChannel channel, IReadOnlyList<string> topics, StreamBufferOptions options, Func<T, bool>? filter = null)
        : base(router, channel, topics)
    {
        _buffer = new StreamBuffer<T>(options);
        _filter = filter;
        NeedsSymbol = options.Policy == BufferPolicy.LatestPerSymbol;
    }

    /// <inheritdoc />
    public override long Dropped => _buffer.Dropped;

    /// <summary>How many messages wait in the buffer.</summary>
    public int Pending => _buffer.Count;

    internal override bool NeedsSymbol { get; }

    internal override bool EndsOnGap => true;

    /// <summary>Waits until a message can be read; <see langword="false"/> when the stream ended, or the exception that ended it.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) => _buffer.WaitToReadAsync(cancellationToken);

    /// <summary>Takes the next buffered message, if any. One reader: with the default policy it takes every waiting message at once and reads them without a lock.</summary>
    /// <exception cref="InvalidOperationException">Another thread is in <see cref="TryRead"/> on this stream at the same time.</exception>
    public bool TryRead(out T item) => _buffer.TryRead(out item);

    void IStreamSink<T>.Post(T value, string? symbol)
    {
        if (_filter is null || _filter(value))
        {
            _buffer.Post(value, symbol);
        }
    }

    internal override void Complete(Exception? error) => _buffer.Complete(error);
}
