using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using WebsocketProxy.Client.Internal;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client;

/// <summary>
/// A local process's link to the per-user websocket-proxy: opens shared upstream WebSockets, sends, subscribes
/// with reference counting, and receives frames through shared memory. Starts the proxy when none runs, and
/// when the proxy dies starts a new one and restores connections and subscriptions by itself.
/// </summary>
/// <example>
/// <code>
/// await using var client = await WebsocketProxyClient.ConnectAsync(WebsocketProxyClientOptions.Default with { Name = "strategy-1" });
/// await using var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = new Uri("wss://example.com/stream") });
/// await foreach (var frame in connection.ReadFramesAsync()) { /* ... */ }
/// </code>
/// </example>
public sealed partial class WebsocketProxyClient : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, ConnectionLink> _connections = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Action<WebsocketProxyClientOptions>? _starter;
    private ClientSession _session;
    private Thread? _pump;
    private int _recovering;
    private int _disposed;

    private WebsocketProxyClient(WebsocketProxyClientOptions options, ClientSession session, Action<WebsocketProxyClientOptions>? starter)
    {
        Options = options;
        _session = session;
        _starter = starter;
    }

    /// <summary>Raised when a fire-and-forget <see cref="Open"/> completes, successfully or not.</summary>
    public event EventHandler<ConnectionOpenedEventArgs>? ConnectionOpened;

    /// <summary>The options this client was created with.</summary>
    public WebsocketProxyClientOptions Options { get; }

    /// <summary>The process id of the proxy currently serving this client (changes when the proxy is restarted).</summary>
    public long ServerId => Volatile.Read(ref _session).ServerId;

    /// <summary>The connection handles this client holds open (one per <see cref="OpenAsync"/>).</summary>
    public IReadOnlyCollection<IProxyConnection> Connections => [.. _connections.Values.SelectMany(l => l.Handles)];

    /// <summary>Connects to the proxy of <see cref="WebsocketProxyClientOptions.Instance"/>, starting it when none runs.</summary>
    public static Task<WebsocketProxyClient> ConnectAsync(WebsocketProxyClientOptions options, CancellationToken cancellationToken = default) =>
        ConnectAsync(options, starter: null, cancellationToken);

    internal static async Task<WebsocketProxyClient> ConnectAsync(WebsocketProxyClientOptions options, Action<WebsocketProxyClientOptions>? starter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ProxyNames.Validate(options.Instance);
        var session = await StartSessionAsync(options, starter, cancellationToken).ConfigureAwait(false);
        var client = new WebsocketProxyClient(options, session, starter);
        client.StartPump(session);
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

    /// <summary>Says goodbye (the proxy releases everything this client held at once) and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var session = Volatile.Read(ref _session);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await session.RequestAsync(c => new GoodbyeCommand(c), TimeSpan.FromSeconds(2), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebsocketProxyException or OperationCanceledException)
        {
            // The proxy notices the released lease anyway.
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        Volatile.Read(ref _recovered).TrySetResult();
        session.Cancel();
        StopPump();
        session.Dispose();
        foreach (var connection in _connections.Values.Concat(TakeDeferred()))
        {
            connection.MarkClosed();
        }

        _connections.Clear();
        _lifetime.Dispose();
    }

    /// <summary>The current registration with the proxy (tests reach the raw protocol through it).</summary>
    internal ClientSession Session => Volatile.Read(ref _session);

    internal Task RequestAsync(Func<long, Command> create, CancellationToken cancellationToken) =>
        RequestReplyAsync(create, cancellationToken);

    internal Task<Reply> RequestReplyAsync(Func<long, Command> create, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return Volatile.Read(ref _session).RequestAsync(create, Options.RequestTimeout, cancellationToken);
    }

    private static async Task<ClientSession> StartSessionAsync(WebsocketProxyClientOptions options, Action<WebsocketProxyClientOptions>? starter, CancellationToken cancellationToken)
    {
        var session = ClientSession.Create(options);
        try
        {
            await session.HelloAsync(options.Name, options.StartProxy, starter, options, cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private void Log(LogLevel level, string message)
    {
        // Called from catch blocks on the receive thread and in recovery: a failing logger must not end either.
        try
        {
            Options.Logger?.Log(level, "{Message}", message);
            Options.Callback?.OnLog(level, message);
        }
#pragma warning disable CA1031 // Whatever the application's logger throws, logging is not worth a stopped client.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
