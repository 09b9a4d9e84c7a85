using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WebsocketProxy.Alpaca.Errors;
using WebsocketProxy.Alpaca.Gateway.Clients;
using WebsocketProxy.Alpaca.Gateway.Protocol;
using WebsocketProxy.Alpaca.Gateway.Upstream;
using WebsocketProxy.Client;

namespace WebsocketProxy.Alpaca.Gateway.Hosting;

/// <summary>
/// The gateway's state: its local clients, the one proxy client of the process, and the upstream connections
/// (one per endpoint and credentials) the clients share. Credentials are keyed by an HMAC under a random key of
/// this process; the secret itself lives only in the proxy's connection options.
/// </summary>
internal sealed partial class GatewayHub : IAsyncDisposable
{
    private readonly AlpacaGatewayOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly byte[] _hashKey = RandomNumberGenerator.GetBytes(32);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Task<SharedUpstream>> _upstreams = new(StringComparer.Ordinal);
    private readonly HashSet<Task> _clientTasks = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _proxyGate = new(1, 1);
    private readonly GatewayEndpoint _root;
    private WebsocketProxyClient? _proxy;
    private long _nextClientId;
    private int _clientCount;
    private long _slowClients;

    public GatewayHub(AlpacaGatewayOptions options, ILoggerFactory loggers)
    {
        _options = options;
        _root = GatewayEndpoint.OfStockFeed(options.RootFeed);
        _loggers = loggers;
        _logger = loggers.CreateLogger("WebsocketProxy.Alpaca.Gateway");
    }

    public int ClientCount => Volatile.Read(ref _clientCount);

    /// <summary>Clients cut off as too slow, since the start.</summary>
    public long SlowClientDisconnects => Interlocked.Read(ref _slowClients);

    public void OnSlowClient() => Interlocked.Increment(ref _slowClients);

    public int UpstreamCount
    {
        get
        {
            lock (_lock)
            {
                return _upstreams.Count;
            }
        }
    }

    public void OnStarted(Uri uri)
    {
        if (!IPAddress.IsLoopback(_options.BindAddress))
        {
            LogRemoteAllowed(_options.BindAddress.ToString());
        }

        LogListening(uri, _options.Upstream, _root.Path);
    }

    public async Task HandleRequestAsync(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (!_options.AllowRemoteClients && (remote is null || !IPAddress.IsLoopback(remote)))
        {
            LogRemoteRefused(remote?.ToString() ?? "unknown");
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        // "/" is where the C# SDK connects by default (alpaca-proxy-agent's stock stream): the configured feed's path.
        var endpoint = context.Request.Path.Value is null or "" or "/" ? _root : GatewayEndpoint.Find(context.Request.Path.Value);
        if (endpoint is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync($"No Alpaca stream at '{context.Request.Path}'. Paths: / (= {_root.Path}), {string.Join(", ", GatewayEndpoint.All.Select(e => e.Path))}.", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("This is an Alpaca market-data WebSocket endpoint: connect with a WebSocket client.", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var codec = context.Request.ContentType is { } type && type.StartsWith("application/msgpack", StringComparison.OrdinalIgnoreCase)
            ? ClientCodec.MessagePack
            : ClientCodec.Json;
        (string, string)? headerCredentials =
            context.Request.Headers["APCA-API-KEY-ID"].ToString() is { Length: > 0 } key
            && context.Request.Headers["APCA-API-SECRET-KEY"].ToString() is { Length: > 0 } secret
                ? (key, secret)
                : null;
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var client = new GatewayClient(Interlocked.Increment(ref _nextClientId), context, socket, endpoint, codec, this, _options, _logger);
        Interlocked.Increment(ref _clientCount);
        LogClientConnected(client.Id, endpoint.Path, codec, remote?.ToString() ?? "unknown");
        var run = client.RunAsync(headerCredentials, _stopping.Token);
        lock (_lock)
        {
            _clientTasks.Add(run);
        }

        try
        {
            await run.ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                _clientTasks.Remove(run);
            }

            Interlocked.Decrement(ref _clientCount);
            LogClientGone(client.Id, endpoint.Path);
        }
    }

    /// <summary>
    /// Opens, or joins, the upstream connection of (endpoint, credentials) and adds the client to it. A client with
    /// other credentials never joins: the key is a keyed hash of the secret too, and its own connection gets
    /// Alpaca's own answer (402 for a wrong secret).
    /// </summary>
    public async Task<(SharedUpstream? Upstream, GatewayError? Error)> JoinAsync(GatewayEndpoint endpoint, string key, string secret, GatewayClient client, CancellationToken cancellationToken)
    {
        var id = KeyOf(endpoint, key, secret);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Task<SharedUpstream> opening;
            lock (_lock)
            {
                if (!_upstreams.TryGetValue(id, out opening!))
                {
                    opening = OpenAsync(id, endpoint, AlpacaCredentials.FromKey(key, secret));
                    _upstreams[id] = opening;
                }
            }

            SharedUpstream upstream;
            try
            {
                upstream = await opening.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (AlpacaStreamException ex)
            {
                Forget(id, opening);
                return (null, new GatewayError((int)ex.Code, string.IsNullOrEmpty(ex.ServerMessage) ? "error" : ex.ServerMessage));
            }
            catch (Exception ex) when (ex is WebsocketProxyException or IOException or UnauthorizedAccessException or TimeoutException or InvalidOperationException)
            {
                Forget(id, opening);
                LogOpenFailed(ex, endpoint.Path);
                return (null, GatewayError.InternalError);
            }

            if (upstream.TryAdd(client))
            {
                return (upstream, null);
            }

            // It closed meanwhile (its last client left): open a new one.
            Forget(id, opening);
        }

        return (null, GatewayError.InternalError);
    }

    /// <summary>A client leaves: its subscriptions are released; the connection closes with its last client.</summary>
    public async Task ReleaseAsync(SharedUpstream upstream, GatewayClient client, ClientLedger ledger)
    {
        var left = await upstream.RemoveAsync(client, ledger).ConfigureAwait(false);
        if (left > 0)
        {
            return;
        }

        lock (_lock)
        {
            if (upstream.ClientCount > 0 || !_upstreams.TryGetValue(upstream.Key, out var current) || !current.IsCompletedSuccessfully || current.Result != upstream)
            {
                return;
            }

            _upstreams.Remove(upstream.Key);
        }

        LogUpstreamReleased(upstream.Endpoint.Path, upstream.ConnectionId);
        await upstream.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task[] clients;
        Task<SharedUpstream>[] upstreams;
        lock (_lock)
        {
            clients = [.. _clientTasks];
            upstreams = [.. _upstreams.Values];
            _upstreams.Clear();
        }

        await Task.WhenAny(Task.WhenAll(clients), Task.Delay(TimeSpan.FromSeconds(5), _options.TimeProvider)).ConfigureAwait(false);
        foreach (var opening in upstreams)
        {
            if (opening.IsCompletedSuccessfully)
            {
                await opening.Result.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (_proxy is { } proxy)
        {
            await proxy.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task<SharedUpstream> OpenAsync(string id, GatewayEndpoint endpoint, AlpacaCredentials credentials)
    {
        // Not the client's token: other clients with the same credentials may be waiting for this open.
        await Task.Yield();
        var proxy = await ProxyAsync().ConfigureAwait(false);
        var url = new Uri(BaseAddress(), endpoint.RelativePath);
        var settings = _options.UpstreamSettings with { WireFormat = AlpacaWireFormat.MessagePack };
        var connection = await AlpacaProxyConnections.OpenMarketDataAsync(proxy, credentials, url, settings, _stopping.Token).ConfigureAwait(false);
        var upstream = new SharedUpstream(id, endpoint, connection, _options.TimeProvider, _logger);
        upstream.Closed += closed =>
        {
            lock (_lock)
            {
                if (_upstreams.TryGetValue(closed.Key, out var current) && current.IsCompletedSuccessfully && current.Result == closed)
                {
                    _upstreams.Remove(closed.Key);
                }
            }
        };
        LogUpstreamOpened(endpoint.Path, connection.Id, connection.IsNew);
        return upstream;
    }

    private async Task<WebsocketProxyClient> ProxyAsync()
    {
        if (Volatile.Read(ref _proxy) is { } existing)
        {
            return existing;
        }

        await _proxyGate.WaitAsync(_stopping.Token).ConfigureAwait(false);
        try
        {
            if (_proxy is null)
            {
                var options = _options.Proxy.Logger is null ? _options.Proxy with { Logger = _loggers.CreateLogger("WebsocketProxy.Client") } : _options.Proxy;
                Volatile.Write(ref _proxy, await WebsocketProxyClient.ConnectAsync(options, _stopping.Token).ConfigureAwait(false));
            }

            return _proxy!;
        }
        finally
        {
            _proxyGate.Release();
        }
    }

    private Uri BaseAddress() => _options.Upstream.AbsoluteUri.EndsWith('/') ? _options.Upstream : new Uri(_options.Upstream.AbsoluteUri + "/");

    private void Forget(string id, Task<SharedUpstream> opening)
    {
        lock (_lock)
        {
            if (_upstreams.TryGetValue(id, out var current) && current == opening)
            {
                _upstreams.Remove(id);
            }
        }
    }

    private string KeyOf(GatewayEndpoint endpoint, string key, string secret)
    {
        var material = Encoding.UTF8.GetBytes($"{endpoint.Path}\n{key}\n{secret}");
        try
        {
            return Convert.ToHexString(HMACSHA256.HashData(_hashKey, material));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alpaca gateway listening on {Uri}, upstream {Upstream}; the root path serves {RootPath}")]
    private partial void LogListening(Uri uri, Uri upstream, string rootPath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening on {Address}, not a loopback address: clients from other machines are accepted, over plain ws:// (their secrets included)")]
    private partial void LogRemoteAllowed(string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a connection from {Remote}: not a loopback address (see --allow-remote)")]
    private partial void LogRemoteRefused(string remote);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {Id} connected on {Path} ({Codec}) from {Remote}")]
    private partial void LogClientConnected(long id, string path, ClientCodec codec, string remote);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {Id} on {Path} gone")]
    private partial void LogClientGone(long id, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Opening the upstream connection of {Path} failed")]
    private partial void LogOpenFailed(Exception ex, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upstream {Path}: connection {Connection} opened (new: {IsNew})")]
    private partial void LogUpstreamOpened(string path, long connection, bool isNew);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upstream {Path}: connection {Connection} released (no client left)")]
    private partial void LogUpstreamReleased(string path, long connection);
}
