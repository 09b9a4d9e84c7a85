using WebsocketProxy.Client;

namespace WebsocketProxy.Streaming;

/// <summary>
/// The one typed-stream router of a connection in this process: one frame reader, the listener
/// tables and the open streams; the topics are counted by the connection. Shared by every <see cref="StreamRouter"/> lease.
/// </summary>
internal sealed partial class ConnectionRouter
{
    private readonly IProxyConnection _connection;
    private readonly StreamOptions _options;
    private readonly ISubscriptionConfirmer _confirmer;
    private readonly Lock _listenersLock = new();
    private readonly ChannelListeners[] _listeners;
    private readonly HashSet<StreamSubscription> _active = [];
    private readonly CancellationTokenSource _stop = new();
    private volatile IDisposable? _reader;
    private StreamClosedException? _closed;
    private long _frames;
    private long _delivered;
    private long _malformedFrames;
    private long _malformedMessages;
    private long _unrecognized;
    private long _decodeFailures;
    private long _handlerFailures;
    private long _gaps;

    public ConnectionRouter(IProxyConnection connection, StreamProtocol protocol, StreamOptions options)
    {
        _connection = connection;
        Protocol = protocol;
        _options = options;
        _confirmer = options.Confirmer ?? ProxyAcceptedConfirmer.Instance;
        _listeners = new ChannelListeners[protocol.Channels.Count];
        Array.Fill(_listeners, ChannelListeners.Empty);
        Context = new StreamDispatchContext(this);
    }

    public event EventHandler<StreamErrorEventArgs>? Error;

    public event EventHandler<StreamGapEventArgs>? Gap;

    public StreamProtocol Protocol { get; }

    public StreamBufferOptions DefaultBuffer => _options.Buffer;

    public IProxyConnection Connection => _connection;

    public StreamDispatchContext Context { get; }

    public SymbolTable Symbols { get; } = new();

    /// <summary>Leases held by <see cref="StreamRouter"/> objects; guarded by the router registry's lock.</summary>
    public int Leases { get; set; }

    public bool Stopped => _stop.IsCancellationRequested;

    public StreamRouterStatistics Statistics => new(
        Interlocked.Read(ref _frames),
        Interlocked.Read(ref _delivered),
        Interlocked.Read(ref _malformedFrames),
        Interlocked.Read(ref _malformedMessages),
        Interlocked.Read(ref _unrecognized),
        Interlocked.Read(ref _decodeFailures),
        Interlocked.Read(ref _handlerFailures),
        Interlocked.Read(ref _gaps));

    /// <summary>
    /// Attaches the reader: frames are dispatched on the client's receive thread, straight from its buffer, with
    /// no copy and no hop through a channel and a thread-pool task (the dispatcher never waits: each stream has
    /// its own bounded buffer). Attached now, so that the reply to a message sent right after the router opened
    /// is not missed.
    /// </summary>
    public void Start() => _reader = _connection.AttachFrameHandler(OnFrameReceived);

    public ChannelListeners Listeners(int channel) => Volatile.Read(ref _listeners[channel]);

    /// <summary>Counts a delivery; called by the frame reader only (one writer), so not a locked increment per message.</summary>
    public void CountDelivered() => Volatile.Write(ref _delivered, _delivered + 1);

    public void ReportMalformedMessage(string message)
    {
        Interlocked.Increment(ref _malformedMessages);
        RaiseError(new StreamErrorEventArgs(StreamErrorKind.MalformedMessage, message));
    }

    public void ReportDecodeFailure(StreamChannel channel, Exception exception)
    {
        Interlocked.Increment(ref _decodeFailures);
        RaiseError(new StreamErrorEventArgs(StreamErrorKind.DecodeFailed, $"A '{channel.TypeCode}' message of channel '{channel.Name}' could not be decoded and was skipped: {exception.Message}", exception));
    }

    public void ReportHandlerFailure(string listener, Exception exception)
    {
        Interlocked.Increment(ref _handlerFailures);
        RaiseError(new StreamErrorEventArgs(StreamErrorKind.HandlerFailed, $"{listener} threw: {exception.Message}", exception));
    }

    /// <summary>Ends every open stream of a channel name, e.g. when the server refuses the feed for good.</summary>
    public void FailChannel(string channelName, Exception error)
    {
        foreach (var subscription in ActiveSnapshot())
        {
            if (subscription.Channel.Name == channelName)
            {
                subscription.Complete(error);
            }
        }
    }

    public IReadOnlyList<StreamSubscription> Subscriptions => ActiveSnapshot();

    public void FailAll(Exception error)
    {
        foreach (var subscription in ActiveSnapshot())
        {
            subscription.Complete(error);
        }
    }

    private StreamSubscription[] ActiveSnapshot()
    {
        lock (_listenersLock)
        {
            return [.. _active];
        }
    }

    private void RaiseError(StreamErrorEventArgs args)
    {
        try
        {
            Error?.Invoke(_connection, args);
        }
#pragma warning disable CA1031 // An application's error handler must not stop the shared reader.
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _handlerFailures);
        }
    }

    private void RaiseGap(StreamGapEventArgs args)
    {
        try
        {
            Gap?.Invoke(_connection, args);
        }
#pragma warning disable CA1031 // An application's gap handler must not stop the shared reader.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _handlerFailures);
            RaiseError(new StreamErrorEventArgs(StreamErrorKind.HandlerFailed, $"A gap handler threw: {ex.Message}", ex));
        }
    }
}
