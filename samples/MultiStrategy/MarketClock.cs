using System.Globalization;

namespace MultiStrategy;

/// <summary>
/// Maps upstream timestamps to real latency. Real Alpaca stamps with the wall clock (scale 1, no offset);
/// the simulator's market clock runs <see cref="Scale"/> times faster from a known (wall, market) pair.
/// </summary>
internal sealed record MarketClock(DateTimeOffset Wall, DateTimeOffset Market, double Scale)
{
    public const string Variable = "MULTISTRATEGY_CLOCK";

    public static MarketClock WallClock { get; } = new(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1);

    public static MarketClock FromEnvironment()
    {
        var parts = (Environment.GetEnvironmentVariable(Variable) ?? string.Empty).Split(',');
        return parts.Length == 3
            && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var wall)
            && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var market)
            && double.TryParse(parts[2], CultureInfo.InvariantCulture, out var scale) && scale > 0
            ? new MarketClock(DateTimeOffset.FromUnixTimeMilliseconds(wall), DateTimeOffset.FromUnixTimeMilliseconds(market), scale)
            : WallClock;
    }

    /// <summary>Real milliseconds between the moment the source stamped <paramref name="stamped"/> and <paramref name="now"/>.</summary>
    public double LatencyMilliseconds(DateTime stamped, DateTimeOffset now)
    {
        var marketNow = Market + ((now - Wall) * Scale);
        return (marketNow - new DateTimeOffset(stamped, TimeSpan.Zero)).TotalMilliseconds / Scale;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Wall.ToUnixTimeMilliseconds()},{Market.ToUnixTimeMilliseconds()},{Scale}");
}
