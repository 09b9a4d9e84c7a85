namespace WebsocketProxy.Alpaca.Simulator;

/// <summary>How an <see cref="AlpacaMarketSimulator"/> listens, authenticates and makes its market.</summary>
public sealed record AlpacaSimulatorOptions
{
    /// <summary>The defaults: an ephemeral port, the default key pair, a market in real time.</summary>
    public static AlpacaSimulatorOptions Default { get; } = new();

    /// <summary>The loopback port to listen on; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The key pairs accepted; by default only <see cref="AlpacaKeyPair.Default"/>.</summary>
    public IReadOnlyList<AlpacaKeyPair> KeyPairs { get; init; } = [AlpacaKeyPair.Default];

    /// <summary>The OAuth access tokens accepted (none by default), next to <see cref="KeyPairs"/>.</summary>
    public IReadOnlyList<AlpacaOAuthToken> OAuthTokens { get; init; } = [];

    /// <summary>How long a connection may stay unauthenticated before error 404 and close (10 s, as the real service).</summary>
    public TimeSpan AuthTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The most distinct symbols one connection may subscribe to (error 405 past it); <see langword="null"/> for no limit.</summary>
    public int? SymbolLimit { get; init; }

    /// <summary>How many connections one key may hold on one endpoint at once (error 406 past it).</summary>
    public int ConnectionsPerKey { get; init; } = 1;

    /// <summary>The seed of the synthetic market: the same seed and start give the same data for a symbol.</summary>
    public int Seed { get; init; } = 20240501;

    /// <summary>Trades per symbol per market second, on average.</summary>
    public double TradesPerSecond { get; init; } = 2;

    /// <summary>Quotes (and, for crypto, order-book updates) per symbol per market second, on average.</summary>
    public double QuotesPerSecond { get; init; } = 4;

    /// <summary>Market seconds per real second: 60 makes a minute bar every real second.</summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>The market time at start; <see langword="null"/> means the current time of <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset? MarketStart { get; init; }

    /// <summary>How often (real time) the market produces and sends what became due.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The most data messages batched into one frame.</summary>
    public int MaxMessagesPerFrame { get; init; } = 100;

    /// <summary>Bytes queued for one client past which it is a slow client: error 407 and disconnect.</summary>
    public long SlowClientBufferLimit { get; init; } = 16L * 1024 * 1024;

    /// <summary>
    /// How far <c>/v2/delayed_sip</c> lags (15 minutes, as the real feed). Its market is its own seeded process
    /// begun that long before the start, so it has data at once; its timestamps trail market time by the delay.
    /// </summary>
    public TimeSpan DelayedSipDelay { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Symbols that a <c>"*"</c> subscription on a stocks feed covers.</summary>
    public IReadOnlyList<string> StockUniverse { get; init; } = ["AAPL", "MSFT", "AMZN", "NVDA", "TSLA", "GOOGL", "META", "SPY"];

    /// <summary>Symbols that a <c>"*"</c> subscription on the crypto feed covers.</summary>
    public IReadOnlyList<string> CryptoUniverse { get; init; } = ["BTC/USD", "ETH/USD", "SOL/USD", "DOGE/USD"];

    /// <summary>Market time between two news items.</summary>
    public TimeSpan NewsInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Chance per trade of a later correction of it.</summary>
    public double CorrectionProbability { get; init; } = 0.002;

    /// <summary>Chance per trade of a later cancel or error of it.</summary>
    public double CancelErrorProbability { get; init; } = 0.002;

    /// <summary>Chance per symbol and minute of a late trade that updates the previous minute's bar.</summary>
    public double LateTradeProbability { get; init; } = 0.2;

    /// <summary>Chance per symbol and minute of a trading halt, lifted the next minute.</summary>
    public double HaltProbability { get; init; } = 0.02;

    /// <summary>A file of recorded frames (one JSON frame a line) to play instead of the synthetic market.</summary>
    public string? ReplayFile { get; init; }

    /// <summary>
    /// How often the server pings each client, as the real service does (10 s by default);
    /// <see cref="TimeSpan.Zero"/> sends no pings. Pings run on the real clock, whatever <see cref="TimeProvider"/> is.
    /// </summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a client may take to answer a ping before the server drops it (30 s by default);
    /// <see cref="Timeout.InfiniteTimeSpan"/> never drops, and then keeps the link alive with unsolicited pongs
    /// instead of pings, as .NET does.
    /// </summary>
    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an authenticated session that ended abruptly (no close handshake: the client vanished, or
    /// <see cref="AlpacaSimulatorFaults.DropAllConnections()"/>) still counts against its key on its endpoint, so
    /// that a reconnect inside that time gets error 406 as from the real service (about 90 s there).
    /// <see cref="TimeSpan.Zero"/> (the default) forgets a dead session at once.
    /// </summary>
    public TimeSpan DeadSessionLinger { get; init; }

    /// <summary>
    /// With <see cref="ReplayFile"/>: whether the recording starts playing when the first client subscribes
    /// (<see langword="true"/>, the default) or waits for <see cref="AlpacaMarketSimulator.StartReplay"/>.
    /// </summary>
    public bool ReplayOnFirstSubscription { get; init; } = true;

    /// <summary>The clock of the market and of every timeout.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
