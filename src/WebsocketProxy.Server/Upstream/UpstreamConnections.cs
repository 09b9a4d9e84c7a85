using Microsoft.Extensions.Logging;
using WebsocketProxy.Client;
using WebsocketProxy.Protocol;
using WebsocketProxy.Server.Diagnostics;

namespace WebsocketProxy.Server.Upstream;

/// <summary>
/// The proxy's upstream connections, keyed by the HMAC of (URL, headers, prelude), and which clients hold
/// each one. A connection closes upstream when its last holder closes it or dies.
/// </summary>
internal sealed partial class UpstreamConnections(IUpstreamEvents events, ILoggerFactory loggers, TimeProvider time, ProxyMetrics metrics) : IAsyncDisposable
{
    private readonly ConnectionKey _keys = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, UpstreamConnection> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Entry> _byId = [];
    private readonly ILogger _logger = loggers.CreateLogger("WebsocketProxy.Upstream");
    private long _nextId;

    /// <summary>Opens (or joins) the connection for <paramref name="options"/> on behalf of <paramref name="clientId"/>.</summary>
    /// <param name="clientId">The client that opens.</param>
    /// <param name="options">The connection's options.</param>
    /// <param name="restoring">The client restores a connection a previous proxy held: see <see cref="UpstreamConnection.Restoring"/>.</param>
    public async Task<(UpstreamConnection Connection, bool IsNew)> OpenAsync(long clientId, ProxyConnectionOptions options, bool restoring = false)
    {
        var key = _keys.Compute(options);
        UpstreamConnection connection;
        bool isNew;
        lock (_gate)
        {
            isNew = !_byKey.TryGetValue(key, out connection!);
            if (isNew)
            {
                connection = new UpstreamConnection(++_nextId, key, options, events, _logger, time, metrics) { Terminated = OnTerminated, Restoring = restoring };
                _byKey[key] = connection;
                _byId[connection.Id] = new Entry(connection);
            }

            _byId[connection.Id].Holders.Add(clientId);
        }

        try
        {
            await (isNew ? connection.StartAsync() : connection.Ready).ConfigureAwait(false);
            return (connection, isNew);
        }
        catch (UpstreamException)
        {
            if (isNew)
            {
                Remove(connection);
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>The connection <paramref name="connectionId"/> if <paramref name="clientId"/> holds it.</summary>
    public UpstreamConnection Get(long clientId, long connectionId)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(connectionId, out var entry) && entry.Holders.Contains(clientId)
                ? entry.Connection
                : throw new KeyNotFoundException(ReplyErrors.UnknownConnection(connectionId));
        }
    }

    /// <summary>Releases <paramref name="clientId"/>'s hold (and subscriptions) on one connection.</summary>
    public async Task CloseAsync(long clientId, long connectionId)
    {
        var connection = Get(clientId, connectionId);
        await ReleaseAsync(clientId, connection).ConfigureAwait(false);
    }

    /// <summary>Releases everything <paramref name="clientId"/> held (it said goodbye or died).</summary>
    public async Task ReleaseClientAsync(long clientId)
    {
        List<UpstreamConnection> held;
        lock (_gate)
        {
            held = [.. _byId.Values.Where(e => e.Holders.Contains(clientId)).Select(e => e.Connection)];
        }

        foreach (var connection in held)
        {
            await ReleaseAsync(clientId, connection).ConfigureAwait(false);
        }
    }

    public List<(UpstreamConnection Connection, int Holders)> Snapshot()
    {
        lock (_gate)
        {
            return [.. _byId.Values.Select(e => (e.Connection, e.Holders.Count))];
        }
    }

    public int CountHeldBy(long clientId)
    {
        lock (_gate)
        {
            return _byId.Values.Count(e => e.Holders.Contains(clientId));
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<UpstreamConnection> all;
        lock (_gate)
        {
            all = [.. _byKey.Values];
            _byKey.Clear();
            _byId.Clear();
        }

        foreach (var connection in all)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task ReleaseAsync(long clientId, UpstreamConnection connection)
    {
        bool last;
        lock (_gate)
        {
            if (!_byId.TryGetValue(connection.Id, out var entry) || !entry.Holders.Remove(clientId))
            {
                return;
            }

            last = entry.Holders.Count == 0;
            if (last)
            {
                Remove(connection);
            }
        }

        if (last)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            await connection.ReleaseClientAsync(clientId).ConfigureAwait(false);
        }
    }

    private void OnTerminated(UpstreamConnection connection)
    {
        Remove(connection);

        // Nobody holds it any more, so nobody else would dispose it: its stale-data watchdog would keep firing
        // and keep it alive. Disposed outside the lock and not awaited here: this runs on the connection's own
        // run loop, which its disposal waits for.
        _ = DisposeEndedAsync(connection);
    }

    private async Task DisposeEndedAsync(UpstreamConnection connection)
    {
        await Task.Yield();
        try
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Detached clean-up: a failure is logged, never an unobserved exception.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogDisposeFailed(_logger, connection.Id, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Id}: disposing it after it ended failed")]
    private static partial void LogDisposeFailed(ILogger logger, long id, Exception exception);

    private void Remove(UpstreamConnection connection)
    {
        lock (_gate)
        {
            if (_byKey.TryGetValue(connection.Key, out var current) && ReferenceEquals(current, connection))
            {
                _byKey.Remove(connection.Key);
            }

            _byId.Remove(connection.Id);
        }
    }

    private sealed class Entry(UpstreamConnection connection)
    {
        public UpstreamConnection Connection { get; } = connection;

        public HashSet<long> Holders { get; } = [];
    }
}
