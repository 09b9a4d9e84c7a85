using WebsocketProxy.Client;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>
/// What every Alpaca stream object shares: the hold on the upstream connection (shared by every process with
/// the same credentials through the local proxy), the typed-stream router (one frame reader, one subscription
/// per channel and symbol), and the events about both.
/// </summary>
public abstract class AlpacaStream : IAsyncDisposable
{
    private readonly AlpacaUpstream _owner;
    private readonly Func<ValueTask> _disposeChannels;

    private protected AlpacaStream(AlpacaUpstream owner, StreamRouter router, Func<ValueTask> disposeChannels)
    {
        _owner = owner;
        _disposeChannels = disposeChannels;
        Router = router;
    }

    /// <summary>Server errors on the shared connection (<see cref="AlpacaErrorEventArgs"/>); fatal ones (402, 409) also end the streams.</summary>
    public event EventHandler<AlpacaErrorEventArgs>? ServerError
    {
        add => _owner.ServerError += value;
        remove => _owner.ServerError -= value;
    }

    /// <summary>Messages that could not be used (malformed, unknown, failed decoders); the streams go on.</summary>
    public event EventHandler<StreamErrorEventArgs>? Error
    {
        add => Router.Error += value;
        remove => Router.Error -= value;
    }

    /// <summary>Messages may have been lost (the upstream dropped and came back, or a reader fell behind).</summary>
    public event EventHandler<StreamGapEventArgs>? Gap
    {
        add => Router.Gap += value;
        remove => Router.Gap -= value;
    }

    /// <summary>The shared upstream connection, for raw access (sending, reading frames).</summary>
    public IProxyConnection Connection => _owner.Connection;

    /// <summary>The typed-stream router: counters, open subscriptions and what their buffers dropped.</summary>
    public StreamRouter Router { get; }

    /// <summary>Ends every stream of this object, releases its subscriptions and its hold on the upstream connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _disposeChannels().ConfigureAwait(false);
        await _owner.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Attaches a new stream object to its connection, or disposes it when that fails.</summary>
    private protected static async Task<TStream> AttachAsync<TStream>(TStream stream, AlpacaUpstream owner, string probeChannel, CancellationToken cancellationToken)
        where TStream : AlpacaStream
    {
        try
        {
            await owner.AttachAsync(stream.Router, probeChannel, cancellationToken).ConfigureAwait(false);
            return stream;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
