using Microsoft.Extensions.Logging;
using WebsocketProxy.Alpaca.Gateway.Clients;
using WebsocketProxy.Alpaca.Gateway.Protocol;
using WebsocketProxy.Alpaca.Gateway.Routing;
using WebsocketProxy.Client;

namespace WebsocketProxy.Alpaca.Gateway.Upstream;

/// <summary>
/// One upstream connection (endpoint, credentials) held through the proxy and shared by every local client that
/// authenticated with those credentials: the gateway's reference counts per (channel, symbol) across its clients,
/// the per-frame fan-out to them, and the attribution of Alpaca's replies to the request that caused them.
/// </summary>
internal sealed partial class SharedUpstream : IAsyncDisposable
{
    /// <summary>How long a request waits for Alpaca's reply before it is taken as accepted (the proxy may have sent nothing upstream: another process of the user already held the topic).</summary>
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(5);

    private readonly IProxyConnection _connection;
    private readonly ILogger _logger;
    private readonly FrameScan _scan;
    private readonly Dictionary<(int Channel, string Symbol), int> _counts = [];
    private readonly SemaphoreSlim _requests = new(1, 1);
    private readonly Lock _clientsLock = new();
    private readonly IDisposable _frames;
    private readonly TimeProvider _time;
    private GatewayClient[] _clients = [];
    private PendingReply? _pending;
    private int _closed;

    public SharedUpstream(string key, GatewayEndpoint endpoint, IProxyConnection connection, TimeProvider time, ILogger logger)
    {
        Key = key;
        Endpoint = endpoint;
        _connection = connection;
        _time = time;
        _logger = logger;
        _scan = new FrameScan(endpoint);
        _frames = connection.AttachFrameHandler(OnFrame);
    }

    /// <summary>Raised once when the proxy closed the connection for good (a fatal reply from Alpaca, or the gateway closing it).</summary>
    public event Action<SharedUpstream>? Closed;

    /// <summary>The registry's key: a keyed hash of endpoint and credentials.</summary>
    public string Key { get; }

    public GatewayEndpoint Endpoint { get; }

    public long ConnectionId => _connection.Id;

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    public int ClientCount => Volatile.Read(ref _clients).Length;

    /// <summary>Adds a client to the fan-out; false when the connection is closing (open another).</summary>
    public bool TryAdd(GatewayClient client)
    {
        lock (_clientsLock)
        {
            if (IsClosed)
            {
                return false;
            }

            _clients = [.. _clients, client];
            return true;
        }
    }

    /// <summary>Removes a client and releases its subscriptions; returns the clients left.</summary>
    public async Task<int> RemoveAsync(GatewayClient client, ClientLedger ledger)
    {
        int left;
        lock (_clientsLock)
        {
            _clients = [.. _clients.Where(c => c != client)];
            left = _clients.Length;
        }

        try
        {
            await ChangeAsync([.. ledger.All()], add: false, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebsocketProxyException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection is going anyway: its counts go with it.
            LogReleaseFailed(ex, Endpoint.Path);
        }

        return left;
    }

    /// <summary>
    /// Adds (or removes) a client's (channel, symbol) pairs to the shared counts: the proxy is asked to subscribe
    /// the pairs nobody here held (or unsubscribe those nobody holds any more), and the request waits for Alpaca's
    /// reply to that. Returns Alpaca's error for the request (the counts are then as before), or null.
    /// </summary>
    public async Task<GatewayError?> ChangeAsync(IReadOnlyList<(int Channel, string Symbol)> pairs, bool add, CancellationToken cancellationToken)
    {
        if (pairs.Count == 0)
        {
            return null;
        }

        await _requests.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var crossing = new Dictionary<int, List<string>>();
            foreach (var pair in pairs)
            {
                _counts.TryGetValue(pair, out var count);
                var next = add ? count + 1 : count - 1;
                if (next <= 0)
                {
                    _counts.Remove(pair);
                }
                else
                {
                    _counts[pair] = next;
                }

                if ((add && count == 0) || (!add && count == 1))
                {
                    (crossing.TryGetValue(pair.Channel, out var list) ? list : crossing[pair.Channel] = []).Add(pair.Symbol);
                }
            }

            if (crossing.Count == 0 || IsClosed)
            {
                return null;
            }

            var error = await SendAndConfirmAsync(crossing, add, cancellationToken).ConfigureAwait(false);
            if (error is not null && add)
            {
                // Alpaca refused the addition (405, 409, 410...): its set is as before, so are the counts, and the
                // proxy's count of what it sent is undone.
                foreach (var pair in pairs)
                {
                    if (_counts.TryGetValue(pair, out var count))
                    {
                        if (count <= 1)
                        {
                            _counts.Remove(pair);
                        }
                        else
                        {
                            _counts[pair] = count - 1;
                        }
                    }
                }

                await SendAndConfirmAsync(crossing, add: false, CancellationToken.None).ConfigureAwait(false);
            }

            return error;
        }
        finally
        {
            _requests.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        MarkClosed();
        _frames.Dispose();
        try
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebsocketProxyException or ObjectDisposedException)
        {
            LogReleaseFailed(ex, Endpoint.Path);
        }
    }

    private async Task<GatewayError?> SendAndConfirmAsync(Dictionary<int, List<string>> crossing, bool add, CancellationToken cancellationToken)
    {
        // One upstream message per chunk of each channel's template, each answered by one reply.
        var expected = 0;
        foreach (var (channel, symbols) in crossing)
        {
            expected += (symbols.Count + 99) / 100;
        }

        var pending = new PendingReply(expected);
        Volatile.Write(ref _pending, pending);
        try
        {
            foreach (var (channel, symbols) in crossing)
            {
                var template = AlpacaProxyConnections.MarketDataTemplate(Endpoint.Channels[channel]);
                if (add)
                {
                    await _connection.SubscribeAsync(template, symbols, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _connection.UnsubscribeAsync(template, symbols, CancellationToken.None).ConfigureAwait(false);
                }
            }

            using var timeout = new CancellationTokenSource(ConfirmTimeout, _time);
            try
            {
                return await pending.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                LogNoReply(Endpoint.Path, ConfirmTimeout.TotalSeconds);
                return null;
            }
        }
        finally
        {
            Interlocked.CompareExchange(ref _pending, null, pending);
        }
    }

    private void MarkClosed()
    {
        lock (_clientsLock)
        {
            if (Interlocked.Exchange(ref _closed, 1) != 0)
            {
                return;
            }
        }

        Closed?.Invoke(this);
    }

    /// <summary>One frame from the proxy, on the client's receive thread: routed to every client it concerns, or taken as a reply.</summary>
    private void OnFrame(in ProxyFrame frame)
    {
        switch (frame.Kind)
        {
            case ProxyFrameKind.Data:
                OnData(frame.Payload);
                break;
            case ProxyFrameKind.Closed:
                OnClosed(frame.Message);
                break;
            case ProxyFrameKind.Gap:
                LogGap(Endpoint.Path, frame.LostMessages);
                break;
            case ProxyFrameKind.Reconnected:
                LogReconnected(Endpoint.Path, frame.Outage.TotalSeconds);
                break;
            case ProxyFrameKind.Error:
                LogProxyError(Endpoint.Path, frame.Message ?? string.Empty);
                break;
            default:
                break;
        }
    }

    private void OnData(ReadOnlyMemory<byte> payload)
    {
        if (!_scan.Scan(payload))
        {
            LogUnreadable(Endpoint.Path, payload.Length);
            return;
        }

        var messages = _scan.Messages;
        if (messages.Length > 0 && messages[0].Channel == FrameScan.Control)
        {
            for (var i = 0; i < messages.Length; i++)
            {
                if (messages[i].Channel == FrameScan.Control)
                {
                    OnControl(_scan.ReadControl(i));
                }
            }

            return;
        }

        foreach (var client in Volatile.Read(ref _clients))
        {
            client.Deliver(_scan);
        }
    }

    private void OnControl((string Type, int Code, string Message) control)
    {
        var pending = Volatile.Read(ref _pending);
        switch (control.Type)
        {
            case "subscription":
                pending?.OnReply();
                break;
            case "error":
                if (pending is not null)
                {
                    pending.OnError(new GatewayError(control.Code, control.Message));
                }
                else
                {
                    LogUnattributedError(Endpoint.Path, control.Code, control.Message);
                }

                break;
            default:
                // "connected"/"authenticated" of a reconnect: the proxy handles those.
                break;
        }
    }

    private void OnClosed(string? message)
    {
        LogClosed(Endpoint.Path, message ?? string.Empty);
        MarkClosed();
        var error = Errors.FromProxyMessage(message);
        foreach (var client in Volatile.Read(ref _clients))
        {
            client.OnUpstreamClosed(error);
        }

        Volatile.Read(ref _pending)?.OnError(error);
    }

    /// <summary>The replies one request waits for.</summary>
    private sealed class PendingReply(int expected)
    {
        private readonly TaskCompletionSource<GatewayError?> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _remaining = expected;

        public Task<GatewayError?> Task => _done.Task;

        public void OnReply()
        {
            if (Interlocked.Decrement(ref _remaining) <= 0)
            {
                _done.TrySetResult(null);
            }
        }

        public void OnError(GatewayError error) => _done.TrySetResult(error);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream {Path}: releasing subscriptions failed")]
    private partial void LogReleaseFailed(Exception ex, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Upstream {Path}: no reply to a subscription request within {Seconds} s; taken as accepted")]
    private partial void LogNoReply(string path, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream {Path}: the proxy reports {Lost} messages lost (the gateway fell behind its ring)")]
    private partial void LogGap(string path, long lost);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upstream {Path}: reconnected after {Seconds:F1} s; subscriptions restored by the proxy")]
    private partial void LogReconnected(string path, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream {Path}: proxy error: {Message}")]
    private partial void LogProxyError(string path, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream {Path}: a frame of {Length} bytes is not a MessagePack array; dropped")]
    private partial void LogUnreadable(string path, int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream {Path}: error {Code} ({Message}) with no request waiting for it")]
    private partial void LogUnattributedError(string path, int code, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream {Path} closed: {Message}")]
    private partial void LogClosed(string path, string message);
}
