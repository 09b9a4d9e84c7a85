using WebsocketProxy.Alpaca.Simulator;

namespace WebsocketProxy.Alpaca.Tests.Chaos;

/// <summary>The world a chaos scenario runs in: how many strategy processes, which upstream, which proxy.</summary>
internal sealed record ChaosSetup
{
    public static ChaosSetup Default { get; } = new();

    /// <summary>Strategy processes streaming trades, one symbol each, through one proxy and one upstream connection.</summary>
    public int Strategies { get; init; } = 3;

    /// <summary>
    /// The in-process simulator's market (its faults and counters are the test's to use): 60 trades a second per
    /// symbol, about one frame per 10 ms tick.
    /// </summary>
    public AlpacaSimulatorOptions Simulator { get; init; } = AlpacaSimulatorOptions.Default with { TimeScale = 60, TradesPerSecond = 1 };

    /// <summary>Run the upstream as a real <c>alpaca-simulator</c> process instead (to kill it); same market.</summary>
    public bool SimulatorAsProcess { get; init; }

    /// <summary>
    /// When set, the test starts the proxy itself with this broadcast ring size (the strategies find it running);
    /// otherwise the first strategy starts it as an application would, with the default ring.
    /// </summary>
    public int? RingSize { get; init; }

    /// <summary>The strategies' <see cref="WebsocketProxy.Alpaca.AlpacaProxyOptions.RetryOnConnectionLimit"/>.</summary>
    public bool RetryOnConnectionLimit { get; init; }

    /// <summary>
    /// The strategies' reconnect backoff (initial, max); the test strategy's default is 50 ms to 200 ms, too short to
    /// see a flapping service's backoff grow.
    /// </summary>
    public (TimeSpan Initial, TimeSpan Max)? ReconnectBackoff { get; init; }

    /// <summary>The strategies' own watchdog: STALL after this long without an item or a gap.</summary>
    public TimeSpan? StallAfter { get; init; }

    /// <summary>The strategies' <see cref="WebsocketProxy.Client.WebsocketProxyClientOptions.HungProxyTimeout"/> (30 s when not set).</summary>
    public TimeSpan? HungProxyTimeout { get; init; }
}
