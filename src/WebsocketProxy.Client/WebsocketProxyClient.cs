using Microsoft.Extensions.Logging;
using WebsocketProxy.Client.Internal;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client;

/// <summary>
/// A local process's link to the per-user websocket-proxy: opens shared upstream WebSockets, sends, subscribes
/// with reference counting, and receives frames through shared memory. Starts the proxy when none runs, and
/// when the proxy dies starts a new one and restores connections and subscriptions by itself.
/// </summary>
/// <remarks>
/// <para>
/// A process has one registration with each proxy instance, however many clients it connects: every
/// <see cref="ConnectAsync(WebsocketProxyClientOptions, CancellationToken)"/> of the same <see cref="WebsocketProxyClientOptions.Instance"/> shares one set of rings,
/// one frame thread, one reply thread and one recovery, and the proxy's status lists the process once (under the
/// <see cref="WebsocketProxyClientOptions.Name"/> of the client that connected first). Each client still has its
/// own handles, <see cref="WebsocketProxyClientOptions.Callback"/>, <see cref="WebsocketProxyClientOptions.Logger"/>,
/// <see cref="WebsocketProxyClientOptions.RequestTimeout"/> and <see cref="WebsocketProxyClientOptions.FrameBufferCapacity"/>;
/// disposing it closes only its own handles, and the last client to go releases the registration.
/// </para>
/// <para>
/// The settings of the registration and of the proxy the process starts must agree between the clients of one
/// instance (<see cref="WebsocketProxyClientOptions.TimeProvider"/>, <see cref="WebsocketProxyClientOptions.HungProxyTimeout"/>,
/// a <see cref="WebsocketProxyClientOptions.CommandRingCapacity"/> no larger than the first client's, and, between
/// clients that may start a proxy, its path, log file, log level and grace period); a client whose settings
/// differ is refused with an <see cref="ArgumentException"/> naming them.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// await using var client = await WebsocketProxyClient.ConnectAsync(WebsocketProxyClientOptions.Default with { Name = "strategy-1" });
/// await using var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = new Uri("wss://example.com/stream") });
/// await foreach (var frame in connection.ReadFramesAsync()) { /* ... */ }
/// </code>
/// </example>
public sealed partial class WebsocketProxyClient : IAsyncDisposable
{
    private readonly ProxyClientCore _core;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _handlesGate = new();
    private List<ConnectionHandle> _handles = [];
    private int _disposed;

    private WebsocketProxyClient(WebsocketProxyClientOptions options, ProxyClientCore core)
    {
        Options = options;
        _core = core;
    }

    /// <summary>Raised when a fire-and-forget <see cref="Open"/> completes, successfully or not.</summary>
    public event EventHandler<ConnectionOpenedEventArgs>? ConnectionOpened;

    /// <summary>The options this client was created with.</summary>
    public WebsocketProxyClientOptions Options { get; }

    /// <summary>The process id of the proxy currently serving this client (changes when the proxy is restarted).</summary>
    public long ServerId => _core.ServerId;

    /// <summary>The connection handles this client holds open (one per <see cref="OpenAsync"/>); not those of other clients of the process.</summary>
    public IReadOnlyCollection<IProxyConnection> Connections
    {
        get
        {
            lock (_handlesGate)
            {
                return [.. _handles.Where(h => !h.IsClosed)];
            }
        }
    }

    /// <summary>
    /// Connects to the proxy of <see cref="WebsocketProxyClientOptions.Instance"/>, starting it when none runs, or
    /// joins this process's registration with it when another client of the process has one (see the remarks).
    /// </summary>
    /// <exception cref="ArgumentException">Another client of this instance in the process has different instance-wide settings.</exception>
    /// <exception cref="WebsocketProxyException">No proxy could be started or reached.</exception>
    public static Task<WebsocketProxyClient> ConnectAsync(WebsocketProxyClientOptions options, CancellationToken cancellationToken = default) =>
        ConnectAsync(options, starter: null, isolated: false, cancellationToken);

    /// <summary>Connects with a given proxy starter (tests).</summary>
    internal static Task<WebsocketProxyClient> ConnectAsync(WebsocketProxyClientOptions options, Action<WebsocketProxyClientOptions>? starter, CancellationToken cancellationToken) =>
        ConnectAsync(options, starter, isolated: false, cancellationToken);

    /// <summary>
    /// Connects; an <paramref name="isolated"/> client has a registration of its own, as a client of another
    /// process would (tests that play several processes in one).
    /// </summary>
    internal static async Task<WebsocketProxyClient> ConnectAsync(WebsocketProxyClientOptions options, Action<WebsocketProxyClientOptions>? starter, bool isolated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ProxyNames.Validate(options.Instance);
        if (options.HungProxyTimeout <= TimeSpan.Zero && options.HungProxyTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.HungProxyTimeout, "HungProxyTimeout must be positive, or Timeout.InfiniteTimeSpan to never terminate a hung proxy.");
        }

        var core = await ClientRegistry.AcquireAsync(options, starter, isolated, cancellationToken).ConfigureAwait(false);
        var client = new WebsocketProxyClient(options, core);
        core.Attach(client);
        return client;
    }

    /// <summary>Asks the proxy to change its log level at run time.</summary>
    public Task SetLogLevelAsync(LogLevel level, CancellationToken cancellationToken = default) =>
        RequestAsync(c => new SetLogLevelCommand(c, level), cancellationToken);

    /// <summary>The proxy's status report: clients, connections, subscriptions with their counts, ring lag.</summary>
    public async Task<string> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var reply = await RequestReplyAsync(c => new StatusCommand(c), cancellationToken).ConfigureAwait(false);
        return System.Text.Encoding.UTF8.GetString(reply.Body.Span);
    }

    /// <summary>
    /// Closes this client's handles (their readers and handlers get Closed, their subscriptions are released) and
    /// stops. The last client of the process also says goodbye to the proxy, which releases everything at once.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        if (ClientRegistry.TryReleaseLast(_core))
        {
            await _core.DisposeAsync().ConfigureAwait(false);
            _core.Detach(this);
        }
        else
        {
            // Other clients of this process go on: only this one's handles are closed, one by one.
            foreach (var handle in TakeHandles())
            {
                try
                {
                    await _core.CloseHandleAsync(handle).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is WebsocketProxyException or ObjectDisposedException)
                {
                    Log(LogLevel.Warning, $"Closing connection {handle.Id} failed: {ex.Message}");
                }
            }

            _core.Detach(this);
            if (ClientRegistry.Release(_core))
            {
                // The others left meanwhile.
                await _core.DisposeAsync().ConfigureAwait(false);
            }
        }

        foreach (var handle in TakeHandles())
        {
            handle.MarkClosed();
        }

        _lifetime.Dispose();
    }

    /// <summary>The current registration with the proxy (tests reach the raw protocol through it).</summary>
    internal ProxyRegistration Registration => _core.Registration;

    /// <summary>The process-wide part this client uses (tests).</summary>
    internal ProxyClientCore Core => _core;

    internal Task RequestAsync(Func<long, Command> create, CancellationToken cancellationToken) =>
        RequestReplyAsync(create, cancellationToken);

    internal Task<Reply> RequestReplyAsync(Func<long, Command> create, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _core.RequestReplyAsync(create, Options.RequestTimeout, cancellationToken);
    }

    /// <summary>Posts a command now (commands reach the proxy in the order posted) and returns its reply, however long it takes.</summary>
    internal Task<Reply> PostAsync(Func<long, Command> create) => _core.PostAsync(create);

    /// <summary>Posts a command nobody waits for; a failure is logged.</summary>
    internal void PostQuietly(Func<long, Command> create, string what) => _core.PostQuietly(create, what);

    /// <summary>Closes one of this client's handles.</summary>
    internal Task CloseHandleAsync(ConnectionHandle handle) => _core.CloseHandleAsync(handle);

    /// <summary>What an attached frame handler threw: logged, and the frames go on.</summary>
    internal void LogHandlerFailure(Exception exception) =>
        Log(LogLevel.Error, "A frame handler threw: " + exception);

    /// <summary>A handle the core made for this client.</summary>
    internal void Track(ConnectionHandle handle)
    {
        lock (_handlesGate)
        {
            _handles = [.. _handles.Where(h => !h.IsClosed), handle];
        }
    }

    /// <summary>A handle of this client closed.</summary>
    internal void Untrack(ConnectionHandle handle)
    {
        lock (_handlesGate)
        {
            _handles = [.. _handles.Where(h => h != handle)];
        }
    }

    /// <summary>Whether this client holds a handle on <paramref name="link"/>.</summary>
    internal bool Holds(ConnectionLink link) => link.Handles.Any(h => h.Owner == this);

    /// <summary>A line for this client's logger and callback only.</summary>
    internal void Log(LogLevel level, string message) => LogTo(Options.Logger, Options.Callback, level, message);

    /// <summary>Logs where asked; a failing logger is ignored.</summary>
    internal static void LogTo(ILogger? logger, IWebsocketProxyCallback? callback, LogLevel level, string message)
    {
        // Called from catch blocks on the receive thread and in recovery: a failing logger must not end either.
        try
        {
            logger?.Log(level, "{Message}", message);
            callback?.OnLog(level, message);
        }
#pragma warning disable CA1031 // Whatever the application's logger throws, logging is not worth a stopped client.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private List<ConnectionHandle> TakeHandles()
    {
        lock (_handlesGate)
        {
            var handles = _handles;
            _handles = [];
            return handles;
        }
    }
}
