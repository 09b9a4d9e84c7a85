using System.Globalization;
using System.Text.Json;
using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

public sealed class MarketEventTests
{
    [Fact]
    public async Task UpdatedBar_AfterLateTrade_RestatesPreviousMinuteWithTheLateTrade()
    {
        var options = Messages.FastMarket with { LateTradeProbability = 1, HaltProbability = 0 };
        await using var sim = await AlpacaMarketSimulator.StartAsync(options);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await client.SendAsync("""{"action":"subscribe","trades":["AAPL"],"bars":["AAPL"],"updatedBars":["AAPL"]}""");
        await client.ReceiveSingleAsync();

        var bar = await client.ReceiveUntilAsync(m => m.Type() == "b");
        var seen = new List<JsonElement>();
        var updated = await client.ReceiveUntilAsync(m => m.Type() == "u", seen);
        Assert.Equal(bar.GetProperty("t").GetString(), updated.GetProperty("t").GetString());
        var lateTrade = seen[^2];
        Assert.Equal("t", lateTrade.Type());
        var barStart = DateTimeOffset.Parse(bar.GetProperty("t").GetString()!, CultureInfo.InvariantCulture);
        var lateTime = DateTimeOffset.Parse(lateTrade.GetProperty("t").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(lateTime, barStart, barStart.AddMinutes(1));
        Assert.Equal(bar.GetProperty("n").GetInt32() + 1, updated.GetProperty("n").GetInt32());
        Assert.Equal(bar.GetProperty("v").GetInt64() + lateTrade.GetProperty("s").GetInt64(), updated.GetProperty("v").GetInt64());
        Assert.Equal(lateTrade.GetProperty("p").GetDouble(), updated.GetProperty("c").GetDouble());
    }

    [Fact]
    public async Task DailyBar_EveryMinute_CoversTheDaySoFar()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(Messages.FastMarket);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await client.SendAsync("""{"action":"subscribe","dailyBars":["MSFT"]}""");
        await client.ReceiveSingleAsync();
        var first = await client.ReceiveUntilAsync(m => m.Type() == "d");
        var second = await client.ReceiveUntilAsync(m => m.Type() == "d");
        Assert.Equal("2024-05-01T00:00:00Z", first.GetProperty("t").GetString());
        Assert.True(second.GetProperty("n").GetInt64() >= first.GetProperty("n").GetInt64());
        Assert.True(second.GetProperty("v").GetInt64() >= first.GetProperty("v").GetInt64());
    }

    [Fact]
    public async Task Statuses_HaltThenResumption()
    {
        var options = Messages.FastMarket with { HaltProbability = 1 };
        await using var sim = await AlpacaMarketSimulator.StartAsync(options);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Sip);
        await client.SendAsync("""{"action":"subscribe","statuses":["TSLA"]}""");
        await client.ReceiveSingleAsync();
        var halt = await client.ReceiveUntilAsync(m => m.Type() == "s" && m.GetProperty("sc").GetString() == "H");
        Assert.Equal("Trading Halt", halt.GetProperty("sm").GetString());
        Assert.Equal(JsonValueKind.String, halt.GetProperty("rc").ValueKind);
        Assert.Equal(JsonValueKind.String, halt.GetProperty("rm").ValueKind);
        Assert.Equal(JsonValueKind.String, halt.GetProperty("z").ValueKind);
        var resume = await client.ReceiveUntilAsync(m => m.Type() == "s");
        Assert.Equal("T", resume.GetProperty("sc").GetString());
    }

    [Fact]
    public async Task Lulds_BandsAroundThePrice()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(Messages.FastMarket);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await client.SendAsync("""{"action":"subscribe","lulds":["AAPL"]}""");
        await client.ReceiveSingleAsync();
        var luld = await client.ReceiveUntilAsync(m => m.Type() == "l");
        Assert.True(luld.GetProperty("u").GetDouble() > luld.GetProperty("d").GetDouble());
        Assert.Equal(JsonValueKind.String, luld.GetProperty("i").ValueKind);
    }

    [Fact]
    public async Task CorrectionsAndCancelErrors_FollowTradesSubscription()
    {
        var options = Messages.FastMarket with { CorrectionProbability = 0.5, CancelErrorProbability = 0.5 };
        await using var sim = await AlpacaMarketSimulator.StartAsync(options);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await client.SendAsync("""{"action":"subscribe","trades":["NVDA"]}""");
        await client.ReceiveSingleAsync();
        var correction = await client.ReceiveUntilAsync(m => m.Type() == "c");
        foreach (var key in new[] { "oi", "ci", "os", "cs" })
        {
            Assert.True(correction.GetProperty(key).TryGetInt64(out _));
        }

        Assert.Equal(JsonValueKind.Array, correction.GetProperty("oc").ValueKind);
        Assert.Equal(JsonValueKind.Array, correction.GetProperty("cc").ValueKind);
        var cancel = await client.ReceiveUntilAsync(m => m.Type() == "x");
        Assert.Contains(cancel.GetProperty("a").GetString(), new[] { "C", "E" });
        Assert.Equal("NVDA", cancel.Symbol());
    }

    [Fact]
    public async Task Imbalances_StarSubscription_ArriveForUniverseSymbols()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(Messages.FastMarket);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await client.SendAsync("""{"action":"subscribe","imbalances":["*"]}""");
        await client.ReceiveSingleAsync();
        var imbalance = await client.ReceiveUntilAsync(m => m.Type() == "i");
        Assert.Contains(imbalance.Symbol(), sim.Options.StockUniverse);
        Assert.True(imbalance.GetProperty("p").GetDouble() > 0);
    }

    [Fact]
    public async Task Star_Trades_CoverSeveralSymbols()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(Messages.FastMarket);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await client.SendAsync("""{"action":"subscribe","trades":["*"]}""");
        await client.ReceiveSingleAsync();
        var symbols = new HashSet<string>();
        await client.ReceiveUntilAsync(m => symbols.Add(m.Symbol()!) && symbols.Count >= 3);
        Assert.All(symbols, s => Assert.Contains(s, sim.Options.StockUniverse));
    }

    [Fact]
    public async Task DelayedSip_TimestampsTrailMarketTimeByTheDelay()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(Messages.FastMarket);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.DelayedSip);
        await client.SendAsync("""{"action":"subscribe","trades":["AAPL"],"bars":["AAPL"]}""");
        var reply = await client.ReceiveSingleAsync();
        Assert.Equal(["AAPL"], reply.Strings("corrections"));

        var trade = await client.ReceiveUntilAsync(m => m.Type() == "t");
        var tradeTime = DateTimeOffset.Parse(trade.GetProperty("t").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(tradeTime, sim.Options.MarketStart!.Value - sim.Options.DelayedSipDelay, sim.MarketTime - sim.Options.DelayedSipDelay);
        var bar = await client.ReceiveUntilAsync(m => m.Type() == "b");
        var barTime = DateTimeOffset.Parse(bar.GetProperty("t").GetString()!, CultureInfo.InvariantCulture);
        Assert.True(barTime.AddMinutes(1) <= sim.MarketTime - sim.Options.DelayedSipDelay);
    }

    [Fact]
    public async Task TestStream_CarriesOnlyFakepaca()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(Messages.FastMarket);
        await using var test = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Test);
        await test.SendAsync("""{"action":"subscribe","trades":["*"],"quotes":["FAKEPACA"]}""");
        await test.ReceiveSingleAsync();
        var seen = new List<JsonElement>();
        await test.ReceiveUntilAsync(m => seen.Count >= 20, seen);
        Assert.All(seen, m => Assert.Equal("FAKEPACA", m.Symbol()));
        Assert.Contains(seen, m => m.Type() == "t");
        Assert.Contains(seen, m => m.Type() == "q");
    }
}
