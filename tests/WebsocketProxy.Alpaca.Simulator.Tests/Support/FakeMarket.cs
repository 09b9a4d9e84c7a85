using Microsoft.Extensions.Time.Testing;

namespace WebsocketProxy.Alpaca.Simulator.Tests.Support;

/// <summary>A simulator on a fake clock: the market (and so every fill) moves only when the test advances it.</summary>
internal sealed class FakeMarket : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2024, 5, 1, 13, 30, 0, TimeSpan.Zero);

    private FakeMarket(FakeTimeProvider clock, AlpacaMarketSimulator sim)
    {
        Clock = clock;
        Sim = sim;
    }

    public FakeTimeProvider Clock { get; }

    public AlpacaMarketSimulator Sim { get; }

    public static async Task<FakeMarket> StartAsync(Func<AlpacaSimulatorOptions, AlpacaSimulatorOptions>? configure = null, DateTimeOffset? start = null)
    {
        var clock = new FakeTimeProvider(start ?? Start);
        var options = AlpacaSimulatorOptions.Default with
        {
            TimeProvider = clock,
            MarketStart = start ?? Start,
            TickInterval = TimeSpan.FromMilliseconds(100),
            AuthTimeout = TimeSpan.FromHours(100),
        };
        return new FakeMarket(clock, await AlpacaMarketSimulator.StartAsync(configure?.Invoke(options) ?? options));
    }

    /// <summary>Moves the clock on and waits until the market has produced (and matched) up to the new time.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        var ticks = Sim.Counters.MarketTicks;
        Clock.Advance(by);
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        await Sim.Counters.WaitUntilAsync(c => c.MarketTicks > ticks, cts.Token);
    }

    public ValueTask DisposeAsync() => Sim.DisposeAsync();
}
