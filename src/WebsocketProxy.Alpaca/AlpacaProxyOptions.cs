using WebsocketProxy.Client;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca;

/// <summary>How an <see cref="AlpacaProxy"/> reaches Alpaca through the local proxy: feed, environment, proxy and stream settings.</summary>
public sealed record AlpacaProxyOptions
{
    /// <summary>IEX feed, production host, the default proxy instance, lossless buffers, 406 on a first connection fails it, 406 after a drop is retried for three minutes.</summary>
    public static AlpacaProxyOptions Default { get; } = new();

    /// <summary>The stock feed (IEX, SIP, ...) of <see cref="AlpacaProxy.Stocks"/>; a plan without it gets error 409.</summary>
    public AlpacaFeed Feed { get; init; } = AlpacaFeed.Iex;

    /// <summary>
    /// Whether <see cref="AlpacaProxy.ConnectAsync"/> opens the stocks connection (the default), so that refused
    /// credentials or a plan without <see cref="Feed"/> fail the connect. Set it to <see langword="false"/> in a process
    /// that reads only crypto or news: then every connection opens on first use.
    /// </summary>
    public bool OpenStocksOnConnect { get; init; } = true;

    /// <summary>Which Alpaca host to use when neither <see cref="BaseAddress"/> nor <see cref="Url"/> is set.</summary>
    public AlpacaEnvironment Environment { get; init; } = AlpacaEnvironment.Production;

    /// <summary>
    /// Which trading account <see cref="AlpacaProxy.Trading"/> and <see cref="AlpacaProxy.Orders"/> reach when neither
    /// <see cref="BaseAddress"/> nor <see cref="Url"/> is set: <see cref="AlpacaTradingEnvironment.Paper"/> by default, so
    /// that real money is only ever used when asked for.
    /// </summary>
    public AlpacaTradingEnvironment TradingEnvironment { get; init; } = AlpacaTradingEnvironment.Paper;

    /// <summary>Another host for every stream, for example a simulator's <c>ws://127.0.0.1:5000/</c>; the stream's path is appended.</summary>
    public Uri? BaseAddress { get; init; }

    /// <summary>The exact URL of every stream, overriding <see cref="Environment"/> and <see cref="BaseAddress"/> (a test server that serves one stream).</summary>
    public Uri? Url { get; init; }

    /// <summary>The local proxy: instance, where its executable is, how long it lingers after the last client.</summary>
    public WebsocketProxyClientOptions Proxy { get; init; } = WebsocketProxyClientOptions.Default;

    /// <summary>
    /// Buffers, gap behaviour and subscription timeout of the typed streams. Its confirmer and control-message
    /// handler are optional: the Alpaca layer confirms from the server's replies and chains a handler after its own.
    /// </summary>
    public StreamOptions Streams { get; init; } = StreamOptions.Default;

    /// <summary>
    /// What error 406 (connection limit exceeded) on a <em>first</em> connection does. When <see langword="false"/>
    /// (the default) the connect fails with it: with every local process behind one proxy, a second connection
    /// can only come from outside it, and retrying would hide that. When <see langword="true"/> the connect waits
    /// and retries with backoff for up to <see cref="ConnectionLimitRetryWindow"/>, then fails with the 406.
    /// After a connection that had authenticated drops, 406 is always waited out (Alpaca counts the dead session
    /// for about 90 s), whatever this says.
    /// </summary>
    public bool RetryOnConnectionLimit { get; init; }

    /// <summary>
    /// How long 406 (connection limit exceeded) is retried with backoff: after a drop, measured from the drop,
    /// before the streams end with the 406; and on a first connection when <see cref="RetryOnConnectionLimit"/> is set.
    /// At least the 90 s Alpaca keeps counting a dropped session; three minutes by default.
    /// </summary>
    public TimeSpan ConnectionLimitRetryWindow { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How often the proxy pings Alpaca to check the link; <see cref="TimeSpan.Zero"/> turns keep-alive off.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an unanswered ping may stay unanswered before the proxy treats the link as dead (half-open) and
    /// reconnects, raising a gap; <see cref="TimeSpan.Zero"/> never times out. A dead link is noticed within
    /// about <see cref="KeepAliveInterval"/> plus this.
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// While subscribed, no message from Alpaca for this long forces a reconnect; <see cref="TimeSpan.Zero"/> (the
    /// default) turns this watchdog off. Only for feeds that always tick (crypto quotes, market-hours trades):
    /// a quiet feed is not a dead one, and keep-alive already catches dead links.
    /// </summary>
    public TimeSpan StaleDataTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>A session that ends sooner than this after authenticating keeps the reconnect backoff growing, so a service that accepts and then closes is not hammered.</summary>
    public TimeSpan StableSessionThreshold { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The first reconnect delay after the upstream connection drops; later ones grow exponentially.</summary>
    public TimeSpan ReconnectInitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest reconnect delay.</summary>
    public TimeSpan ReconnectMaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The market-data wire format: MessagePack (the default, as the official SDKs use) or JSON. Each is its own
    /// upstream session: processes that choose differently do not share a connection (and count twice against
    /// Alpaca's connection limit), so keep one format across cooperating processes. The options connection
    /// (<see cref="AlpacaProxy.Options"/>) is MessagePack whatever this says: Alpaca serves no JSON there.
    /// </summary>
    public AlpacaWireFormat WireFormat { get; init; } = AlpacaWireFormat.MessagePack;

    /// <summary>The crypto venue of <see cref="AlpacaProxy.Crypto"/>: Alpaca's own (<c>us</c>, the default) or a Kraken venue (<c>us-1</c>, <c>eu-1</c>).</summary>
    public AlpacaCryptoLocation CryptoLocation { get; init; } = AlpacaCryptoLocation.Us;

    /// <summary>
    /// The options feed of <see cref="AlpacaProxy.Options"/>: indicative (the default, free plans) or OPRA. Options
    /// connections always speak MessagePack, whatever the codec chosen for the other streams: Alpaca refuses JSON
    /// there (error 412).
    /// </summary>
    public AlpacaOptionsFeed OptionsFeed { get; init; } = AlpacaOptionsFeed.Indicative;

    internal Uri ResolveUrl(AlpacaStreamKind kind) =>
        Url ?? (kind, BaseAddress) switch
        {
            (AlpacaStreamKind.Options, { } host) => AlpacaEndpoints.OptionsAt(OptionsFeed, host),
            (AlpacaStreamKind.Options, null) => AlpacaEndpoints.OptionsAt(OptionsFeed, Environment),
            (AlpacaStreamKind.Crypto, { } host) => AlpacaEndpoints.CryptoAt(CryptoLocation, host),
            (AlpacaStreamKind.Crypto, null) => AlpacaEndpoints.CryptoAt(CryptoLocation, Environment),
            (AlpacaStreamKind.Trading, null) => AlpacaEndpoints.Trading(TradingEnvironment),
            (_, { } host) => AlpacaEndpoints.For(kind, Feed, host),
            _ => AlpacaEndpoints.For(kind, Feed, Environment),
        };

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Proxy);
        ArgumentNullException.ThrowIfNull(Streams);
        if (ReconnectInitialBackoff <= TimeSpan.Zero || ReconnectMaxBackoff < ReconnectInitialBackoff)
        {
            throw new ArgumentException("ReconnectInitialBackoff must be positive and no larger than ReconnectMaxBackoff.", nameof(ReconnectInitialBackoff));
        }

        if (!Enum.IsDefined(WireFormat))
        {
            throw new ArgumentException($"Wire format {(int)WireFormat} is not known; use AlpacaWireFormat.MessagePack or AlpacaWireFormat.Json.", nameof(WireFormat));
        }

        if (ConnectionLimitRetryWindow < TimeSpan.Zero)
        {
            throw new ArgumentException($"ConnectionLimitRetryWindow must not be negative (got {ConnectionLimitRetryWindow}).", nameof(ConnectionLimitRetryWindow));
        }

        if (KeepAliveInterval < TimeSpan.Zero || KeepAliveTimeout < TimeSpan.Zero || (KeepAliveTimeout > TimeSpan.Zero && KeepAliveInterval == TimeSpan.Zero))
        {
            throw new ArgumentException($"KeepAliveInterval and KeepAliveTimeout must not be negative, and a KeepAliveTimeout needs a KeepAliveInterval (got {KeepAliveInterval} and {KeepAliveTimeout}).", nameof(KeepAliveTimeout));
        }

        if (StaleDataTimeout < TimeSpan.Zero || StableSessionThreshold < TimeSpan.Zero)
        {
            throw new ArgumentException($"StaleDataTimeout and StableSessionThreshold must not be negative (got {StaleDataTimeout} and {StableSessionThreshold}).", nameof(StaleDataTimeout));
        }
    }
}
