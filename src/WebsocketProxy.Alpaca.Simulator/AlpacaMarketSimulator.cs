using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebsocketProxy.Alpaca.Simulator.Connections;
using WebsocketProxy.Alpaca.Simulator.Hosting;
using WebsocketProxy.Alpaca.Simulator.Market;
using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator;

/// <summary>
/// A local Alpaca-compatible server on 127.0.0.1: the stock, crypto and news WebSocket streams at their real
/// paths, a seeded synthetic market, a paper-trading account per key (the order REST API and the
/// <c>trade_updates</c> stream, orders filled against the market's quotes), fault injection and counters.
/// </summary>
/// <example>
/// <code>
/// await using var sim = await AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default, ct);
/// var uri = sim.GetUri(AlpacaSimulatorFeed.Iex); // ws://127.0.0.1:port/v2/iex
/// </code>
/// </example>
public sealed partial class AlpacaMarketSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatorState _state;
    private int _disposed;

    private AlpacaMarketSimulator(WebApplication app, SimulatorState state, Uri baseUri)
    {
        _app = app;
        _state = state;
        BaseUri = baseUri;
        Faults = new AlpacaSimulatorFaults(state);
    }

    /// <summary>The server's base address, <c>ws://127.0.0.1:port</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The first configured key pair, for clients to authenticate with.</summary>
    public AlpacaKeyPair Credentials => _state.Options.KeyPairs[0];

    /// <summary>The options the simulator runs with.</summary>
    public AlpacaSimulatorOptions Options => _state.Options;

    /// <summary>Fault injection.</summary>
    public AlpacaSimulatorFaults Faults { get; }

    /// <summary>Connections seen, messages received per connection, frames sent.</summary>
    public AlpacaSimulatorCounters Counters => _state.Counters;

    /// <summary>The current market time (moves at <see cref="AlpacaSimulatorOptions.TimeScale"/> times the clock).</summary>
    public DateTimeOffset MarketTime => Timestamps.ToDateTimeOffset(_state.Market.Clock.NowNanos);

    /// <summary>Starts a simulator and returns once it accepts connections.</summary>
    /// <param name="options">Its options; <see cref="AlpacaSimulatorOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running simulator; dispose it to stop it.</returns>
    public static async Task<AlpacaMarketSimulator> StartAsync(AlpacaSimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= AlpacaSimulatorOptions.Default;
        Validate(options);
        var market = CreateMarket(options);
        var state = new SimulatorState(options, market);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, NoHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Every TCP connection passes the "silent" fault's gate, handshakes included.
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.Use(GatedTransport.Middleware(state.Transport)));
            kestrel.AddServerHeader = false;

            // A silent simulator must not be ended by Kestrel's own timers; a simulator has no use for them.
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromHours(1);
        });
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.Run(context => HandleRequestAsync(state, context));
        try
        {
            // Fails here when the port is taken: the caller gets Kestrel's "address already in use".
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            await market.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        market.Start(() => state.Registry.Snapshot, state.Counters);
        return new AlpacaMarketSimulator(app, state, new Uri($"ws://127.0.0.1:{port}"));
    }

    /// <summary>
    /// The trading stream's address, <c>ws://127.0.0.1:port/stream</c>: order updates of the account a client
    /// authenticates as, as <c>wss://paper-api.alpaca.markets/stream</c> sends them.
    /// </summary>
    public Uri TradingStreamUri => new(BaseUri, "/stream");

    /// <summary>
    /// The trading REST API's base address, <c>http://127.0.0.1:port</c>, what an SDK takes as its base URL in place
    /// of <c>https://paper-api.alpaca.markets</c>: orders at <c>/v2/orders</c>, positions at <c>/v2/positions</c>.
    /// </summary>
    public Uri TradingApiUri => new($"http://127.0.0.1:{BaseUri.Port}");

    /// <summary>The address of a feed, such as <c>ws://127.0.0.1:port/v2/iex</c>.</summary>
    /// <param name="feed">The feed.</param>
    /// <returns>Its WebSocket address.</returns>
    public Uri GetUri(AlpacaSimulatorFeed feed) => new(BaseUri, StreamEndpoint.For(feed).Path);

    /// <summary>
    /// Starts playing <see cref="AlpacaSimulatorOptions.ReplayFile"/> at the next tick, whether or not a client has
    /// subscribed (by default it starts when the first client subscribes); does nothing once playing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The simulator does not replay a file.</exception>
    public void StartReplay()
    {
        if (_state.Options.ReplayFile is null)
        {
            throw new InvalidOperationException("This simulator makes a synthetic market; it has no recording to start.");
        }

        _state.Market.StartReplay();
    }

    /// <summary>Whether the recording of <see cref="AlpacaSimulatorOptions.ReplayFile"/> has started playing.</summary>
    public bool IsReplaying => _state.Market.IsReplaying;

    /// <summary>Stops the market, closes every connection and stops listening.</summary>
    /// <returns>A task that completes once stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _state.Market.DisposeAsync().ConfigureAwait(false);
        Faults.EndSilence();
        _state.Reading.Open();
        Faults.DropAllConnections();
        _state.Market.Trading.EndEventStreams();
        // Real time on purpose: a test's fake clock may never be advanced again once it disposes the simulator.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_state.Market.Failure is { } failure)
        {
            throw new InvalidOperationException("The simulated market failed while running.", failure);
        }
    }

    private static MarketEngine CreateMarket(AlpacaSimulatorOptions options)
    {
        var replay = options.ReplayFile is null ? null : ReplaySource.Load(options.ReplayFile);
        var start = options.MarketStart is { } given ? Timestamps.FromDateTimeOffset(given)
            : replay?.FirstTime ?? Timestamps.FromDateTimeOffset(options.TimeProvider.GetUtcNow());
        var clock = new MarketClock(options.TimeProvider, start, options.TimeScale);
        return new MarketEngine(options, clock, replay);
    }

    private static void Validate(AlpacaSimulatorOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port, nameof(options.Port));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ConnectionsPerKey, 1, nameof(options.ConnectionsPerKey));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxMessagesPerFrame, 1, nameof(options.MaxMessagesPerFrame));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.TickInterval, TimeSpan.Zero, nameof(options.TickInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.AuthTimeout, TimeSpan.Zero, nameof(options.AuthTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.NewsInterval, TimeSpan.Zero, nameof(options.NewsInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DelayedSipDelay, TimeSpan.Zero, nameof(options.DelayedSipDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SlowClientBufferLimit, 1024, nameof(options.SlowClientBufferLimit));
        ArgumentNullException.ThrowIfNull(options.KeyPairs, nameof(options.KeyPairs));
        if (options.KeyPairs.Count == 0)
        {
            throw new ArgumentException("At least one key pair is needed, or no client could authenticate.", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.OAuthTokens, nameof(options.OAuthTokens));
        if (options.OAuthTokens.Any(t => string.IsNullOrWhiteSpace(t?.Token) || string.IsNullOrWhiteSpace(t.KeyId)))
        {
            throw new ArgumentException("Every OAuth token needs a token and the key id of its account.", nameof(options));
        }
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options.TimeProvider));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PingInterval, TimeSpan.Zero, nameof(options.PingInterval));
        if (options.PingTimeout <= TimeSpan.Zero && options.PingTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PingTimeout, "PingTimeout must be positive, or Timeout.InfiniteTimeSpan.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.DeadSessionLinger, TimeSpan.Zero, nameof(options.DeadSessionLinger));
    }
}
