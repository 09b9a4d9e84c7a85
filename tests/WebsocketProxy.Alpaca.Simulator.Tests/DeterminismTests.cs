using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

public sealed class DeterminismTests
{
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 13, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task SameSeedAndStart_SameMinuteOfData_EvenWhenSubscribedLater()
    {
        var early = await RecordFirstMinuteAsync(seed: 7, advanceBeforeSubscribe: TimeSpan.Zero);
        var late = await RecordFirstMinuteAsync(seed: 7, advanceBeforeSubscribe: TimeSpan.FromMinutes(1));
        var other = await RecordFirstMinuteAsync(seed: 8, advanceBeforeSubscribe: TimeSpan.Zero);

        Assert.NotEmpty(early.Trades);
        Assert.Equal(early.Bar, late.Bar);
        Assert.NotEqual(early.Bar, other.Bar);
    }

    /// <summary>The bar of AAPL for 13:32, and the trades sent before it, with a fake clock so the market only moves when told.</summary>
    private static async Task<(List<string> Trades, string Bar)> RecordFirstMinuteAsync(int seed, TimeSpan advanceBeforeSubscribe)
    {
        var clock = new FakeTimeProvider(Start);
        var options = AlpacaSimulatorOptions.Default with
        {
            Seed = seed,
            TimeProvider = clock,
            MarketStart = Start,
            TickInterval = TimeSpan.FromSeconds(1),
            AuthTimeout = TimeSpan.FromHours(1),
        };
        await using var sim = await AlpacaMarketSimulator.StartAsync(options);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        clock.Advance(advanceBeforeSubscribe);
        await client.SendAsync("""{"action":"subscribe","trades":["AAPL"],"bars":["AAPL"]}""");
        await client.ReceiveSingleAsync();

        using var cts = new CancellationTokenSource(RawClient.Timeout);
        for (var step = 0; step < 6; step++)
        {
            var ticks = sim.Counters.MarketTicks;
            clock.Advance(TimeSpan.FromSeconds(30));
            await sim.Counters.WaitUntilAsync(c => c.MarketTicks > ticks, cts.Token);
        }

        var seen = new List<JsonElement>();
        var bar = await client.ReceiveUntilAsync(m => m.Type() == "b" && m.GetProperty("t").GetString() == "2024-05-01T13:32:00Z", seen);
        return ([.. seen.Where(m => m.Type() == "t").Select(m => m.GetRawText())], bar.GetRawText());
    }
}
