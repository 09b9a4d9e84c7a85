using WebsocketProxy.Client;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>
/// What every Alpaca stream object shares: its hold on one upstream connection (shared by every process with the
/// same credentials through the local proxy), opened on first use or by <see cref="OpenAsync"/>; the typed-stream
/// router of that connection (one frame reader, one subscription per channel and symbol); and the events about both.
/// </summary>
public abstract class AlpacaStream : IAsyncDisposable
{
    private readonly StreamProtocol _protocol;
    private readonly string _probeChannel;
    private readonly Func<CancellationToken, Task<AlpacaUpstream>> _open;
    private readonly StreamOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Cancelled by DisposeAsync, so that disposing does not wait out an open that is retrying (406 for minutes).
    private readonly CancellationTokenSource _lifetime = new();
    private volatile Opened? _opened;
    private volatile bool _disposed;

    private protected AlpacaStream(StreamProtocol protocol, string probeChannel, Func<CancellationToken, Task<AlpacaUpstream>> open, StreamOptions options)
    {
        _protocol = protocol;
        _probeChannel = probeChannel;
        _open = open;
        _options = options;
    }

    /// <summary>Server errors on the upstream connection (<see cref="AlpacaErrorEventArgs"/>); fatal ones (402, 409) also end the streams.</summary>
    public event EventHandler<AlpacaErrorEventArgs>? ServerError;

    /// <summary>Messages that could not be used (malformed, unknown, failed decoders); the streams go on.</summary>
    public event EventHandler<StreamErrorEventArgs>? Error;

    /// <summary>Messages may have been lost (the upstream dropped and came back, or a reader fell behind).</summary>
    public event EventHandler<StreamGapEventArgs>? Gap;

    /// <summary>Whether the upstream connection is open: at connect for stocks, on first use (or <see cref="OpenAsync"/>) for the others.</summary>
    public bool IsOpen => _opened is not null;

    /// <summary>The upstream connection, for raw access (sending, reading frames); <see langword="null"/> until <see cref="IsOpen"/>.</summary>
    public IProxyConnection? Connection => _opened?.Upstream.Connection;

    /// <summary>The typed-stream router: counters, open subscriptions and what their buffers dropped; <see langword="null"/> until <see cref="IsOpen"/>.</summary>
    public StreamRouter? Router => _opened?.Router;

    /// <summary>Opens the upstream connection now instead of on first use; does nothing when it is open.</summary>
    /// <param name="cancellationToken">Gives up opening; a later call or stream tries again.</param>
    /// <exception cref="Errors.AlpacaStreamException">Alpaca refused the connection (402 credentials, 406 connection limit, 409 plan).</exception>
    /// <exception cref="WebsocketProxyException">The proxy could not be started or could not reach the host.</exception>
    public async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_opened is not null)
        {
            return;
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        using var opening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        try
        {
            await _gate.WaitAsync(opening.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException(GetType().Name);
        }

        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_opened is not null)
            {
                return;
            }

            // A failed open is not remembered: the next stream (or call) tries again.
            AlpacaUpstream upstream;
            try
            {
                upstream = await _open(opening.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_lifetime.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ObjectDisposedException(GetType().Name);
            }

            StreamRouter? router = null;
            try
            {
                router = StreamRouter.Acquire(upstream.Connection, _protocol, upstream.RouterOptions(_options));
                router.Error += OnRouterError;
                router.Gap += OnRouterGap;
                upstream.ServerError += OnServerError;
                await upstream.AttachAsync(router, _probeChannel, opening.Token).ConfigureAwait(false);
                _opened = new Opened(upstream, router);
            }
            catch
            {
                await CloseAsync(upstream, router).ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Ends every stream of this object, releases its subscriptions and its hold on the upstream connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_opened is { } opened)
            {
                _opened = null;
                await CloseAsync(opened.Upstream, opened.Router).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The router every generated stream method reads from: opens the upstream connection on first use.</summary>
    private protected ValueTask<StreamRouter> RouterAsync(CancellationToken cancellationToken)
    {
        return _opened is { } opened ? new ValueTask<StreamRouter>(opened.Router) : OpenThenRouteAsync(cancellationToken);

        async ValueTask<StreamRouter> OpenThenRouteAsync(CancellationToken token)
        {
            await OpenAsync(token).ConfigureAwait(false);
            return _opened?.Router ?? throw new ObjectDisposedException(GetType().Name);
        }
    }

    private async ValueTask CloseAsync(AlpacaUpstream upstream, StreamRouter? router)
    {
        upstream.ServerError -= OnServerError;
        if (router is not null)
        {
            router.Error -= OnRouterError;
            router.Gap -= OnRouterGap;
            await router.DisposeAsync().ConfigureAwait(false);
        }

        await upstream.DisposeAsync().ConfigureAwait(false);
    }

    // Raised on the router's frame reader, with this stream object as the sender.
    private void OnRouterError(object? sender, StreamErrorEventArgs e) => Error?.Invoke(this, e);

    private void OnRouterGap(object? sender, StreamGapEventArgs e) => Gap?.Invoke(this, e);

    private void OnServerError(object? sender, AlpacaErrorEventArgs e) => ServerError?.Invoke(this, e);

    private sealed record Opened(AlpacaUpstream Upstream, StreamRouter Router);
}
