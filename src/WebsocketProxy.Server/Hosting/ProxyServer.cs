using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using WebsocketProxy.Ipc;
using WebsocketProxy.Protocol;
using WebsocketProxy.Server.Clients;
using WebsocketProxy.Server.Diagnostics;
using WebsocketProxy.Server.Logging;
using WebsocketProxy.Server.Upstream;

namespace WebsocketProxy.Server.Hosting;

/// <summary>
/// The proxy process: holds the per-user instance lease (one proxy per user and instance), owns the
/// broadcast ring and the upstream connections, registers clients found in the per-user directory,
/// releases clients whose lease is gone, and exits after the grace period once no client is left.
/// </summary>
internal sealed partial class ProxyServer : IAsyncDisposable
{
    /// <summary>Exit code when another proxy of the same instance already runs.</summary>
    public const int AlreadyRunning = 3;

    /// <summary>Exit code when the user's shared-memory directory or a file in it cannot be used (see the message).</summary>
    public const int FilesUnusable = 4;

    private readonly ProxyServerOptions _options;
    private readonly LogLevelSwitch _levels;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lease _instanceLease;
    private readonly BroadcastWriter _writer;
    private readonly BroadcastPublisher _publisher;
    private readonly ProxyMetrics _metrics = new();
    private readonly UpstreamConnections _connections;
    private readonly ConcurrentDictionary<long, RegisteredClient> _clients = new();
    // Ids of registrations that ended (or could not be opened): never registered again, their files deleted once old.
    private readonly HashSet<long> _endedClients = [];
    private readonly long _startedAt;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly ITimer _heartbeat;
    private bool _rescanSoon;

    private ProxyServer(ProxyServerOptions options, ILoggerFactory loggers, LogLevelSwitch levels, TimeProvider time, Lease instanceLease)
    {
        _options = options;
        _levels = levels;
        _time = time;
        _logger = loggers.CreateLogger("WebsocketProxy.Server");
        _instanceLease = instanceLease;
        _writer = BroadcastWriter.Create(ProxyNames.Broadcast(options.Instance, options.Backend), new BroadcastRingOptions { Capacity = options.RingCapacity });
        _publisher = new BroadcastPublisher(_writer);
        _connections = new UpstreamConnections(_publisher, loggers, time, _metrics);
        _startedAt = time.GetTimestamp();

        // On a timer of its own, not the main loop: a slow scan or reap must not look like a hung proxy to clients.
        _heartbeat = time.CreateTimer(_ => _publisher.Heartbeat(), null, ProxyHeartbeat.Interval, ProxyHeartbeat.Interval);
        _metrics.ObserveReaders(() => ReaderMeasurements(lag: true), () => ReaderMeasurements(lag: false));
    }

    /// <summary>Runs a proxy until it has been idle for the grace period or <paramref name="cancellationToken"/> fires.</summary>
    public static async Task<int> RunAsync(ProxyServerOptions options, ILoggerFactory loggers, LogLevelSwitch levels, TimeProvider time, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("WebsocketProxy.Server");
        var lease = await AcquireInstanceAsync(options.Instance, options.Backend, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            LogAlreadyRunning(logger, options.Instance);
            return AlreadyRunning;
        }

        if (OtherBackendRunning(options.Instance, options.Backend) is { } other)
        {
            // Its clients would never find this proxy, and both would hold an upstream connection per key.
            lease.Dispose();
            LogOtherBackendRunning(logger, options.Instance, IpcBackendSelection.NameOf(other), IpcBackendSelection.NameOf(options.Backend));
            return AlreadyRunning;
        }

        var server = new ProxyServer(options, loggers, levels, time, lease);
        await using (server.ConfigureAwait(false))
        {
            await server.LoopAsync(cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>
    /// Takes the instance lease. Clients probe it with a shared lock for microseconds, so a failed attempt is
    /// retried for a moment before concluding that another proxy holds it.
    /// </summary>
    private static async Task<Lease?> AcquireInstanceAsync(string instance, IpcBackend backend, CancellationToken cancellationToken)
    {
        var path = ProxyNames.InstanceLease(instance, backend);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (Lease.TryAcquire(path, out var lease))
            {
                return lease;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>The other back-end a proxy of <paramref name="instance"/> already runs on, if one does.</summary>
    private static IpcBackend? OtherBackendRunning(string instance, IpcBackend backend)
    {
        foreach (var other in Enum.GetValues<IpcBackend>())
        {
            try
            {
                if (other != backend && Lease.IsHeld(ProxyNames.InstanceLease(instance, other)))
                {
                    return other;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                // That back-end's directory is unusable: no proxy of this user runs there.
            }
        }

        return null;
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        LogStarted(_logger, _options.Instance, Environment.ProcessId, _writer.Epoch, _options.GracePeriod.TotalSeconds);
        var idleSince = _time.GetTimestamp();
        using var watcher = WatchClientFiles();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // Woken by inotify (a client file appeared) or a handler ending; the timeout is only a backstop,
                // shortened while a fresh registration is still taking its lease.
                var wait = _rescanSoon ? TimeSpan.FromMilliseconds(20) : _options.ScanInterval;
                await _wake.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
                try
                {
                    Scan();
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // A file vanished or changed under the scan; the next scan sees the new state.
                    LogScanFailed(_logger, ex.Message);
                }

                if (await ReapAsync().ConfigureAwait(false) && _clients.Count == 0)
                {
                    idleSince = _time.GetTimestamp();
                }

                if (_clients.Count == 0 && _time.GetElapsedTime(idleSince) >= _options.GracePeriod)
                {
                    LogIdleExit(_logger, _options.GracePeriod.TotalSeconds);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStopping(_logger);
        }
    }

    private FileSystemWatcher? WatchClientFiles()
    {
        try
        {
            var watcher = new FileSystemWatcher(IpcPaths.RootDirectoryOf(_options.Backend), ProxyNames.ClientPrefix(_options.Instance) + "*")
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite,
            };
            watcher.Created += (_, _) => Wake();
            watcher.Changed += (_, _) => Wake();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // No inotify (limits reached, exotic file system): the backstop scan still finds clients.
            LogNoWatcher(_logger, ex.Message);
            return null;
        }
    }

    /// <summary>Makes the main loop scan and reap now.</summary>
    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _heartbeat.DisposeAsync().ConfigureAwait(false);
        foreach (var client in _clients.Values)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }

        await _connections.DisposeAsync().ConfigureAwait(false);
        _writer.Dispose();
        TryDelete(ProxyNames.Broadcast(_options.Instance, _options.Backend));
        _metrics.Dispose();
        _instanceLease.Dispose();
    }

    private IEnumerable<Measurement<long>> ReaderMeasurements(bool lag)
    {
        var published = _publisher.Published;
        foreach (var client in _clients.Values.ToArray())
        {
            var tag = new KeyValuePair<string, object?>("client", client.Name);
            yield return new Measurement<long>(lag ? Math.Max(0, published - client.Received - client.Lost) : client.Lost, tag);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stale file is replaced or cleaned up by the next proxy.
        }
    }

    private TimeSpan Uptime => _time.GetElapsedTime(_startedAt);

    private static int ProcessId => Environment.ProcessId;
}
