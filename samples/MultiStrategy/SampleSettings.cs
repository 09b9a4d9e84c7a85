namespace MultiStrategy;

/// <summary>What the sample was asked to do, from the command line.</summary>
internal sealed record SampleSettings
{
    public int Strategies { get; init; } = 3;

    /// <summary>
    /// How many order-following strategies run beside the market-data ones: on the simulator by default; on real
    /// Alpaca only with --paper-orders (they place orders on the paper account).
    /// </summary>
    public int OrderFollowers { get; init; } = 2;

    /// <summary>Whether the order followers may trade on a real (paper) account.</summary>
    public bool PaperOrders { get; init; }

    public IReadOnlyList<string> Symbols { get; init; } = ["AAPL", "MSFT", "TSLA"];

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    public double TradesPerSecond { get; init; } = 50;

    public double TimeScale { get; init; } = 60;

    public string Feed { get; init; } = "iex";

    /// <summary>The websocket-proxy instance every strategy process uses (tests give each run its own).</summary>
    public string Instance { get; init; } = "default";
}
