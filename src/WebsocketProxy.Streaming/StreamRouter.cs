using WebsocketProxy.Client;

namespace WebsocketProxy.Streaming;

/// <summary>
/// A lease on the typed-stream router of one connection in this process. Every lease of a connection
/// shares one frame reader and one listener table (the connection counts the topics); the router
/// stops when the last lease is disposed. Generated stream classes hold one lease each.
/// </summary>
public sealed partial class StreamRouter : IAsyncDisposable
{
    private readonly ConnectionRouter _core;
    private int _disposed;

    private StreamRouter(ConnectionRouter core) => _core = core;

    /// <summary>Errors that did not stop the router (malformed frames, unknown messages, failed decoders or handlers). Raised on the frame reader.</summary>
    public event EventHandler<StreamErrorEventArgs>? Error
    {
        add => _core.Error += value;
        remove => _core.Error -= value;
    }

    /// <summary>Messages may have been lost (a gap, or a reconnect after an outage). Raised on the frame reader.</summary>
    public event EventHandler<StreamGapEventArgs>? Gap
    {
        add => _core.Gap += value;
        remove => _core.Gap -= value;
    }

    /// <summary>The underlying connection, for anything the typed API does not cover.</summary>
    public IProxyConnection Connection => _core.Connection;

    /// <summary>The protocol this router dispatches.</summary>
    public StreamProtocol Protocol => _core.Protocol;

    /// <summary>The router's counters.</summary>
    public StreamRouterStatistics Statistics => _core.Statistics;

    /// <summary>The open streams and callbacks of this connection in this process, e.g. to watch what their buffers dropped.</summary>
    public IReadOnlyList<StreamSubscription> Subscriptions => _core.Subscriptions;

    /// <summary>Opens a buffered stream of a channel's messages for <paramref name="topics"/>; completes once subscribed.</summary>
    /// <typeparam name="T">The channel's model type.</typeparam>
    /// <param name="channel">The channel index in <see cref="StreamProtocol.Channels"/>.</param>
    /// <param name="topics">Symbols, or <c>*</c> alone (see <see cref="StreamArguments"/>).</param>
    /// <param name="buffer">The buffer; <see langword="null"/> for the router's default.</param>
    /// <param name="cancellationToken">Gives up subscribing.</param>
    /// <exception cref="StreamSubscriptionException">The subscription failed or was not confirmed in time.</exception>
    public ValueTask<StreamSubscription<T>> OpenAsync<T>(int channel, IReadOnlyList<string> topics, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default)
    {
        var (info, checkedTopics) = CheckOpen(channel, topics, typeof(T));
        buffer ??= _core.DefaultBuffer;
        buffer.Validate();
        return _core.OpenAsync(new StreamSubscription<T>(_core, info, checkedTopics, buffer), cancellationToken);
    }

    /// <summary>
    /// Opens a buffered stream of the channel's messages for <paramref name="topics"/> that <paramref name="filter"/>
    /// accepts; the others never take a place in its buffer (a strategy's own orders among the account's, say). The
    /// filter runs on the shared frame reader: keep it short. One that throws is reported through <see cref="Error"/>
    /// and the message is skipped for this stream only.
    /// </summary>
    /// <typeparam name="T">The channel's model type.</typeparam>
    /// <param name="channel">The channel index in <see cref="StreamProtocol.Channels"/>.</param>
    /// <param name="topics">Symbols, or <c>*</c> alone (see <see cref="StreamArguments"/>).</param>
    /// <param name="filter">Which messages this stream wants.</param>
    /// <param name="buffer">The buffer; <see langword="null"/> for the router's default.</param>
    /// <param name="cancellationToken">Gives up subscribing.</param>
    /// <exception cref="StreamSubscriptionException">The subscription failed or was not confirmed in time.</exception>
    public ValueTask<StreamSubscription<T>> OpenAsync<T>(int channel, IReadOnlyList<string> topics, Func<T, bool> filter, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (info, checkedTopics) = CheckOpen(channel, topics, typeof(T));
        buffer ??= _core.DefaultBuffer;
        buffer.Validate();
        return _core.OpenAsync(new StreamSubscription<T>(_core, info, checkedTopics, buffer, filter), cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="handler"/> for every message of a channel for <paramref name="topics"/>, on the
    /// shared frame reader: keep it short. A handler that throws is reported through <see cref="Error"/>.
    /// </summary>
    public async ValueTask<StreamSubscription> ListenAsync<T>(int channel, IReadOnlyList<string> topics, Action<T> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var (info, checkedTopics) = CheckOpen(channel, topics, typeof(T));
        return await _core.OpenAsync(new CallbackSubscription<T>(_core, info, checkedTopics, handler), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends every open stream of a channel with <paramref name="error"/>, e.g. when the server refuses the feed for good.</summary>
    public void FailChannel(string channelName, Exception error)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelName);
        ArgumentNullException.ThrowIfNull(error);
        _core.FailChannel(channelName, error);
    }

    /// <summary>Gives back this lease; the last one stops the router, ends its streams and unsubscribes its topics.</summary>
    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _disposed, 1) == 0 ? ReleaseAsync(_core) : ValueTask.CompletedTask;

    /// <summary>Ends every open stream with <paramref name="error"/>, e.g. when the server refused the credentials for good.</summary>
    public void FailAll(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _core.FailAll(error);
    }

    private (StreamChannel Channel, string[] Topics) CheckOpen(int channel, IReadOnlyList<string> topics, Type modelType)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, _core.Protocol.Channels.Count);
        var checkedTopics = StreamArguments.Symbols(topics, nameof(topics));
        var info = _core.Protocol.Channels[channel];
        if (info.ModelType is { } expected && expected != modelType)
        {
            throw new ArgumentException($"Channel '{info.Name}' ('{info.TypeCode}') carries {expected.Name}, not {modelType.Name}.", nameof(channel));
        }

        if (!info.SymbolRouted && (checkedTopics.Length != 1 || checkedTopics[0] != StreamArguments.AllSymbols))
        {
            throw new ArgumentException($"Channel '{info.Name}' is not routed by symbol: only '*' may be subscribed.", nameof(topics));
        }

        return (info, checkedTopics);
    }
}
