using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client.Internal;

/// <summary>
/// What a process holds once per proxy instance, whatever number of <see cref="WebsocketProxyClient"/> objects
/// use it (raw handles, typed streams of every kind): the registration with the proxy (its rings, lease and reply
/// thread), the one frame pump, recovery when the proxy goes away, and the connection links. The public clients
/// are counted uses of it (<see cref="ClientRegistry"/>); the last one to leave says goodbye to the proxy.
/// </summary>
internal sealed partial class ProxyClientCore
{
    private readonly ConcurrentDictionary<long, ConnectionLink> _connections = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Action<WebsocketProxyClientOptions>? _starter;
    private readonly Lock _clientsGate = new();
    private readonly RespawnBackoff _respawn = new();
    private ProxyRegistration _registration = null!;
    private WebsocketProxyClient[] _clients = [];
    private WebsocketProxyClientOptions _options;
    private Thread? _pump;
    private long _registeredAt;
    private int _recovering;
    private int _disposed;

    public ProxyClientCore(WebsocketProxyClientOptions options, Action<WebsocketProxyClientOptions>? starter)
    {
        _options = options;
        _starter = starter;
    }

    /// <summary>
    /// The settings of the registration and of any proxy this process starts: the first client's, or the first
    /// one's that may start a proxy when the first may not (a status probe that came first).
    /// </summary>
    public WebsocketProxyClientOptions Options => Volatile.Read(ref _options);

    /// <summary>Completes when the first registration is made (or has failed); set once by <see cref="ClientRegistry"/>.</summary>
    public Task Started { get; private set; } = Task.CompletedTask;

    /// <summary>Public clients using this core that have not released it; guarded by the registry's lock.</summary>
    public int Users { get; set; }

    public long ServerId => Volatile.Read(ref _registration).ServerId;

    /// <summary>The current registration with the proxy (tests reach the raw protocol through it).</summary>
    public ProxyRegistration Registration => Volatile.Read(ref _registration);

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Registers with the proxy (starting it when none runs) and starts the frame pump; called once.</summary>
    public void Start() => Started = Task.Run(StartAsync, CancellationToken.None);

    /// <summary>
    /// Says which settings of <paramref name="requested"/> cannot be served by this core: those of the registration
    /// and of the proxy this process would start. <see langword="null"/> when it can serve them.
    /// </summary>
    public string? Incompatibility(WebsocketProxyClientOptions requested)
    {
        var current = Options;
        var differences = new List<string>();
        if (!ReferenceEquals(current.TimeProvider, requested.TimeProvider))
        {
            differences.Add("TimeProvider");
        }

        if (requested.Backend != current.Backend)
        {
            differences.Add($"IpcBackend ({requested.Backend} asked, {current.Backend} in use)");
        }

        if (requested.CommandRingCapacity > current.CommandRingCapacity)
        {
            differences.Add($"CommandRingCapacity ({requested.CommandRingCapacity} asked, {current.CommandRingCapacity} in use)");
        }

        if (requested.HungProxyTimeout != current.HungProxyTimeout)
        {
            differences.Add($"HungProxyTimeout ({requested.HungProxyTimeout} asked, {current.HungProxyTimeout} in use)");
        }

        // A client that never starts a proxy does not care how it would be started.
        if (requested.StartProxy && current.StartProxy)
        {
            if (!string.Equals(requested.ProxyPath, current.ProxyPath, StringComparison.Ordinal))
            {
                differences.Add($"ProxyPath ('{requested.ProxyPath}' asked, '{current.ProxyPath}' in use)");
            }

            if (!string.Equals(requested.ProxyLogFile, current.ProxyLogFile, StringComparison.Ordinal))
            {
                differences.Add($"ProxyLogFile ('{requested.ProxyLogFile}' asked, '{current.ProxyLogFile}' in use)");
            }

            if (requested.ProxyGracePeriod != current.ProxyGracePeriod || requested.ProxyLogLevel != current.ProxyLogLevel)
            {
                differences.Add($"ProxyGracePeriod/ProxyLogLevel ({requested.ProxyGracePeriod}/{requested.ProxyLogLevel} asked, {current.ProxyGracePeriod}/{current.ProxyLogLevel} in use)");
            }
        }

        return differences.Count == 0 ? null : string.Join(", ", differences);
    }

    /// <summary>A public client starts using this core: it gets callbacks and log lines from now on.</summary>
    public void Attach(WebsocketProxyClient client)
    {
        lock (_clientsGate)
        {
            _clients = [.. _clients, client];
            if (client.Options.StartProxy && !Options.StartProxy)
            {
                // The registration was made by a client that never starts a proxy: from now on recovery may.
                Volatile.Write(ref _options, client.Options with { Name = Options.Name });
            }
        }
    }

    /// <summary>A public client stopped using this core.</summary>
    public void Detach(WebsocketProxyClient client)
    {
        lock (_clientsGate)
        {
            _clients = [.. _clients.Where(c => c != client)];
        }
    }

    /// <summary>Says goodbye (the proxy releases everything this process held at once) and stops; by the last user.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (!Started.IsCompletedSuccessfully)
        {
            // Still registering (every client that waited for it gave up): stop that, and release what it made.
            await _lifetime.CancelAsync().ConfigureAwait(false);
            try
            {
                await Started.ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Whatever the registration failed with, its waiters were told; nothing is left to release.
            catch (Exception)
#pragma warning restore CA1031
            {
                _lifetime.Dispose();
                return;
            }
        }

        var registration = Volatile.Read(ref _registration);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await registration.RequestAsync(c => new GoodbyeCommand(c), TimeSpan.FromSeconds(2), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebsocketProxyException or OperationCanceledException)
        {
            // The proxy notices the released lease anyway.
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        Volatile.Read(ref _recovered).TrySetResult();
        registration.Cancel();
        StopPump();
        registration.Dispose();
        foreach (var connection in _connections.Values.Concat(TakeDeferred()))
        {
            connection.MarkClosed();
        }

        _connections.Clear();
        _lifetime.Dispose();
    }

    /// <summary>Whether some handle of this process holds connection <paramref name="connectionId"/>.</summary>
    public bool Holds(long connectionId) => _connections.ContainsKey(connectionId);

    public Task<Reply> RequestReplyAsync(Func<long, Command> create, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        return Volatile.Read(ref _registration).RequestAsync(create, timeout, cancellationToken);
    }

    private async Task StartAsync()
    {
        // Not the first caller's token: the others wait for this registration too. DisposeAsync cancels it.
        var registration = await RegisterAsync(Options, _starter, _lifetime.Token).ConfigureAwait(false);
        Volatile.Write(ref _registration, registration);
        Volatile.Write(ref _registeredAt, Options.TimeProvider.GetTimestamp());
        StartPump(registration);
    }

    private static async Task<ProxyRegistration> RegisterAsync(WebsocketProxyClientOptions options, Action<WebsocketProxyClientOptions>? starter, CancellationToken cancellationToken)
    {
        var registration = ProxyRegistration.Create(options);
        try
        {
            await registration.HelloAsync(options.Name, options.StartProxy, starter, options, cancellationToken).ConfigureAwait(false);
            return registration;
        }
        catch
        {
            registration.Dispose();
            throw;
        }
    }

    /// <summary>Logged to every client's logger and callback (each once, however many clients share it).</summary>
    private void Log(LogLevel level, string message)
    {
        var loggers = new List<object>();
        foreach (var client in Volatile.Read(ref _clients))
        {
            var options = client.Options;
            if (options.Logger is { } logger && !loggers.Contains(logger))
            {
                loggers.Add(logger);
                WebsocketProxyClient.LogTo(logger, null, level, message);
            }

            if (options.Callback is { } callback && !loggers.Contains(callback))
            {
                loggers.Add(callback);
                WebsocketProxyClient.LogTo(null, callback, level, message);
            }
        }
    }

    /// <summary>The distinct callbacks of every client using this core.</summary>
    private IWebsocketProxyCallback[] AllCallbacks() =>
        [.. Volatile.Read(ref _clients).Select(c => c.Options.Callback).OfType<IWebsocketProxyCallback>().Distinct()];
}
