using WebsocketProxy.Alpaca.Errors;
using WebsocketProxy.Alpaca.Protocol;
using WebsocketProxy.Client;
using WebsocketProxy.Protocol;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>
/// The typed layer's hold on one Alpaca upstream connection (one per stream object): the proxy connection, the
/// tracker that reads the server's replies, and the mapping of server errors onto the router. The proxy client it
/// opens through belongs to the <see cref="AlpacaProxy"/>, shared by every stream of the process.
/// </summary>
internal sealed partial class AlpacaUpstream : IAsyncDisposable
{
    private readonly Func<string, string> _probe;
    private StreamRouter? _router;
    private int _disposed;

    private AlpacaUpstream(IProxyConnection connection, AlpacaWireFormat format, IAlpacaReplyTracker tracker, Func<string, string> probe)
    {
        Connection = connection;
        Format = format;
        Tracker = tracker;
        _probe = probe;
        Tracker.ServerError += OnServerError;
    }

    public event EventHandler<AlpacaErrorEventArgs>? ServerError;

    public IProxyConnection Connection { get; }

    /// <summary>The connection's wire format: how replies arrive and how what this layer sends must be packed.</summary>
    public AlpacaWireFormat Format { get; }

    public IAlpacaReplyTracker Tracker { get; }

    /// <summary>Opens the stream's upstream connection through <paramref name="client"/>, authenticated by its prelude.</summary>
    /// <exception cref="AlpacaStreamException">Alpaca refused the session (402, 406, 408, 409, 411, or another code it kept sending).</exception>
    public static async Task<AlpacaUpstream> OpenAsync(WebsocketProxyClient client, AlpacaCredentials credentials, Uri url, AlpacaProxyOptions options, CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(client, ConnectionOptions(credentials, url, options), options, cancellationToken).ConfigureAwait(false);
        return new AlpacaUpstream(connection, options.WireFormat, new AlpacaSubscriptionTracker(), MarketDataProbe);
    }

    /// <summary>Opens within the 406 limit (<see cref="OpenWithinLimitAsync"/>); Alpaca's refusal becomes its <see cref="AlpacaStreamException"/>.</summary>
    internal static async Task<IProxyConnection> OpenConnectionAsync(WebsocketProxyClient client, ProxyConnectionOptions connection, AlpacaProxyOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await OpenWithinLimitAsync(client, connection, options, cancellationToken).ConfigureAwait(false);
        }
        catch (WebsocketProxyException ex) when (AlpacaErrorText.TryParse(ex.Message, out var error))
        {
            throw new AlpacaStreamException(error.Code, error.ServerMessage, ex);
        }
    }

    /// <summary>
    /// Opens once, or with <see cref="AlpacaProxyOptions.RetryOnConnectionLimit"/> keeps opening while Alpaca
    /// answers 406, with capped, jittered exponential backoff, for at most <see cref="AlpacaProxyOptions.ConnectionLimitRetryWindow"/>.
    /// Each attempt is a whole open in the proxy (the proxy fails a first connection that meets 406 at once, so an
    /// open never holds the proxy's open slot for minutes).
    /// </summary>
    private static async Task<IProxyConnection> OpenWithinLimitAsync(WebsocketProxyClient client, ProxyConnectionOptions connection, AlpacaProxyOptions options, CancellationToken cancellationToken)
    {
        var time = options.Proxy.TimeProvider;
        var start = time.GetTimestamp();
        var delay = options.ReconnectInitialBackoff;
        while (true)
        {
            try
            {
                return await client.OpenAsync(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (WebsocketProxyException ex) when (
                options.RetryOnConnectionLimit
                && AlpacaErrorText.TryParse(ex.Message, out var error)
                && error.Code == AlpacaErrorCode.ConnectionLimitExceeded
                && time.GetElapsedTime(start) + delay < options.ConnectionLimitRetryWindow)
            {
                // Jittered to [half, whole] so that processes refused together do not retry in step.
                await Task.Delay(delay * (0.5 + (0.5 * Random.Shared.NextDouble())), time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.ReconnectMaxBackoff.Ticks));
            }
        }
    }

    /// <summary>The router options: the caller's, confirmed by the tracker, with its control handler chained after ours.</summary>
    public StreamOptions RouterOptions(StreamOptions requested)
    {
        var next = requested.ControlMessageHandler;
        return requested with
        {
            Confirmer = requested.Confirmer ?? Tracker,
            ControlMessageHandler = message => Tracker.OnControlMessage(message) || (next?.Invoke(message) ?? false),
        };
    }

    /// <summary>Connects server errors to the router's streams; asks for the server's state when joining a live upstream.</summary>
    public async Task AttachAsync(StreamRouter router, string probeChannel, CancellationToken cancellationToken)
    {
        _router = router;
        router.Error += OnRouterError;
        if (!Connection.IsNew)
        {
            // This process saw none of the replies sent before it joined; the probe changes nothing upstream but
            // makes the server announce its state (market data: its subscriptions; trading: that it listens).
            var format = ProxyFormat(Format);
            var probe = ComposedMessage.Encode(_probe(probeChannel), format);
            try
            {
                await Connection.SendAsync(probe, ComposedMessage.FrameType(format), cancellationToken).ConfigureAwait(false);
            }
            catch (WebsocketProxyException)
            {
                // The upstream is reconnecting: when it is back the proxy restores every subscription and the
                // server's reply announces the whole state anyway.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_router is { } router)
        {
            router.Error -= OnRouterError;
        }

        await Connection.DisposeAsync().ConfigureAwait(false);
    }

    // An empty subscribe changes nothing upstream but makes the server announce its whole subscription state.
    private static string MarketDataProbe(string channel) => $"{{\"action\":\"subscribe\",\"{channel}\":[]}}";

    internal static ProxyConnectionOptions ConnectionOptions(AlpacaCredentials credentials, Uri url, AlpacaProxyOptions options)
    {
        // Handshake headers or an auth message, by the credentials' mode.
        var (authHeaders, authPrelude) = AlpacaAuthentication.ForMarketData(credentials);
        var format = options.WireFormat;
        if (format == AlpacaWireFormat.MessagePack)
        {
            // Asked for on the upgrade, as the official SDKs do; Alpaca then answers in MessagePack and expects the
            // client's messages packed in binary frames, which the proxy does for everything it sends (MessageFormat).
            authHeaders["Content-Type"] = "application/msgpack";
        }

        return new ProxyConnectionOptions
        {
            Url = url,
            Headers = authHeaders,
            MessageFormat = ProxyFormat(format),
            // The proxy keys the upstream on URL + headers + prelude + format (a keyed hash), so equal credentials
            // share one session and authenticate once; it sends the headers and replays the prelude on every reconnect.
            Prelude = authPrelude,
            // Every auth form is answered with "authenticated" (header forms right after "connected") or error 402.
            ReadinessMarker = AlpacaMarkers.Authenticated(format),
            // Fatal: wrong credentials, v2 not enabled, insufficient scope, plan without the feed; options data asked
            // for in JSON (412).
            FatalMarkers = AlpacaMarkers.Codes(format, 402, 408, 409, 411, 412),
            // Connection limit: fatal on a first connection (something else holds the key); after a drop Alpaca
            // still counts the dead session for about 90 s, so it is waited out.
            RetryAfterDropMarkers = AlpacaMarkers.Codes(format, 406),
            RetryAfterDropWindow = options.ConnectionLimitRetryWindow,
            // Any other error before authentication (404, 500, codes not known yet) is retried a few times only.
            RefusalMarker = AlpacaMarkers.Error(format),
            InitialBackoff = options.ReconnectInitialBackoff,
            MaxBackoff = options.ReconnectMaxBackoff,
            StableSessionThreshold = options.StableSessionThreshold,
            KeepAliveInterval = options.KeepAliveInterval,
            KeepAliveTimeout = options.KeepAliveTimeout,
            StaleDataTimeout = options.StaleDataTimeout,
        };
    }

    private static ProxyMessageFormat ProxyFormat(AlpacaWireFormat format) =>
        format == AlpacaWireFormat.MessagePack ? ProxyMessageFormat.MessagePack : ProxyMessageFormat.Text;

    private void OnRouterError(object? sender, StreamErrorEventArgs e)
    {
        // A fatal marker seen on a reconnect, or a refusal the proxy stopped retrying, closes the connection for good, quoting the server's reply. The event
        // comes first: whoever watches it has seen the error by the time an iterator throws it.
        if (e.Kind == StreamErrorKind.Connection && AlpacaErrorText.TryParse(e.Message, out var parsed))
        {
            // The proxy's text says why it gave up (window, refusals in a row); keep it as the inner exception.
            var error = new AlpacaStreamException(parsed.Code, parsed.ServerMessage, new WebsocketProxyException(e.Message));
            try
            {
                ServerError?.Invoke(this, new AlpacaErrorEventArgs(error));
            }
            finally
            {
                _router?.FailAll(error);
            }
        }
    }

    private void OnServerError(AlpacaStreamException error)
    {
        try
        {
            ServerError?.Invoke(this, new AlpacaErrorEventArgs(error));
        }
        finally
        {
            if (error.IsFatal)
            {
                _router?.FailAll(error);
            }
        }
    }
}
