using System.Net.WebSockets;
using Microsoft.Extensions.Time.Testing;
using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

/// <summary>The options feeds: MessagePack only, OCC symbols, trades and quotes with a one-string condition.</summary>
public sealed class OptionFeedTests
{
    private const string Contract = "AAPL241220C00200000";

    [Theory]
    [InlineData(AlpacaSimulatorFeed.Indicative, "/v1beta1/indicative")]
    [InlineData(AlpacaSimulatorFeed.Opra, "/v1beta1/opra")]
    public async Task GetUri_OptionFeeds_AtAlpacasPaths(AlpacaSimulatorFeed feed, string path)
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        Assert.Equal(path, sim.GetUri(feed).AbsolutePath);
    }

    [Theory]
    [InlineData(AlpacaSimulatorFeed.Indicative)]
    [InlineData(AlpacaSimulatorFeed.Opra)]
    public async Task Handshake_Json_Error412ThenClose(AlpacaSimulatorFeed feed)
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAsync(sim.GetUri(feed));

        var error = Assert.Single(await client.ReceiveUntilClosedAsync());
        Assert.True(error.IsError(412));
        Assert.Equal("option messages are only available in MsgPack format", error.GetProperty("msg").GetString());
    }

    [Theory]
    [InlineData(AlpacaSimulatorFeed.Indicative)]
    [InlineData(AlpacaSimulatorFeed.Opra)]
    public async Task Subscribe_OccSymbol_TradesAndQuotesWithTheOptionFieldSet(AlpacaSimulatorFeed feed)
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(Messages.FastMarket);
        await using var client = await PackClient.ConnectAuthenticatedAsync(sim, feed);

        await client.SendAsync($$"""{"action":"subscribe","trades":["{{Contract}}"],"quotes":["{{Contract}}"]}""");
        var subscription = await client.ReceiveSingleAsync();
        Assert.Equal("subscription", subscription["T"]);
        // Trades and quotes only: no bars, and no corrections or cancelErrors (stocks only).
        Assert.Equal(["T", "quotes", "trades"], subscription.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new object[] { Contract }, (object[])subscription["trades"]);

        var trade = await client.ReceiveUntilAsync(m => (string)m["T"] == "t");
        Assert.Equal(["S", "T", "c", "p", "s", "t", "x"], trade.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Contract, trade["S"]);
        Assert.IsType<string>(trade["c"]);
        Assert.InRange(Assert.IsType<double>(trade["p"]), 0.01, 1000);
        Assert.InRange(Assert.IsType<long>(trade["s"]), 1, 200);
        Assert.Equal(2024, DateTimeOffset.FromUnixTimeSeconds(Assert.IsType<PackedTimestamp>(trade["t"]).Seconds).Year);

        var quote = await client.ReceiveUntilAsync(m => (string)m["T"] == "q");
        Assert.Equal(["S", "T", "ap", "as", "ax", "bp", "bs", "bx", "c", "t"], quote.Keys.Order(StringComparer.Ordinal));
        Assert.IsType<string>(quote["c"]);
        Assert.True((double)quote["bp"] < (double)quote["ap"], "The bid is below the ask.");
    }

    [Theory]
    [InlineData("AAPL")]
    [InlineData("AAPL241220C0020000")]
    [InlineData("AAPL241220C002000000")]
    [InlineData("AAPL241320C00200000")]
    [InlineData("AAPL240230C00200000")]
    [InlineData("AAPL241220X00200000")]
    [InlineData("aapl241220C00200000")]
    [InlineData("TOOLONG241220C00200000")]
    [InlineData("241220C00200000")]
    [InlineData("1AAP241220C00200000")]
    [InlineData("AAPL241220C00000000")]
    [InlineData("AAPL 241220C00200000")]
    public async Task Subscribe_MalformedOccSymbol_Error400AndNothingSubscribed(string symbol)
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await PackClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Opra);

        await client.SendAsync($$"""{"action":"subscribe","trades":["{{Contract}}","{{symbol}}"]}""");
        var error = await client.ReceiveSingleAsync();
        Assert.Equal(("error", 400L), ((string)error["T"], (long)error["code"]));
        Assert.Equal("invalid syntax", error["msg"]);
        // The whole message is refused: not even its well-formed symbol was subscribed.
        Assert.Empty(Assert.Single(sim.Counters.Connections).Subscriptions);
    }

    [Theory]
    [InlineData("SPXW241220P05900000")]
    [InlineData("A250117C00001500")]
    [InlineData("BRKB1250620C00450500")]
    public async Task Subscribe_WellFormedOccSymbols_Served(string symbol)
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(Messages.FastMarket);
        await using var client = await PackClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Indicative);

        await client.SendAsync($$"""{"action":"subscribe","quotes":["{{symbol}}"]}""");
        Assert.Equal("subscription", (await client.ReceiveSingleAsync())["T"]);
        Assert.Equal(symbol, (await client.ReceiveUntilAsync(m => (string)m["T"] == "q"))["S"]);
    }

    [Fact]
    public async Task Subscribe_StarQuotes_Error413_StarTradesCoverTheOptionUniverse()
    {
        var options = Messages.FastMarket with { OptionUniverse = ["SPY241220C00500000", "SPY241220P00500000"] };
        await using var sim = await AlpacaMarketSimulator.StartAsync(options);
        await using var client = await PackClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Opra);

        await client.SendAsync("""{"action":"subscribe","quotes":["*"]}""");
        var error = await client.ReceiveSingleAsync();
        Assert.Equal(413L, error["code"]);
        Assert.Equal("star subscription is not allowed for option quotes", error["msg"]);

        await client.SendAsync("""{"action":"subscribe","trades":["*"]}""");
        Assert.Equal(new object[] { "*" }, (object[])(await client.ReceiveSingleAsync())["trades"]);
        var symbols = new HashSet<string>(StringComparer.Ordinal);
        while (symbols.Count < 2)
        {
            symbols.Add((string)(await client.ReceiveUntilAsync(m => (string)m["T"] == "t"))["S"]);
        }

        Assert.Equal(options.OptionUniverse, symbols.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task StartAsync_MalformedOptionUniverse_Throws()
    {
        var options = AlpacaSimulatorOptions.Default with { OptionUniverse = ["AAPL"] };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => AlpacaMarketSimulator.StartAsync(options));
        Assert.Contains("AAPL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameSeedAndStart_SameOptionData_EvenWhenSubscribedLater()
    {
        var early = await RecordAsync(seed: 7, advanceBeforeSubscribe: TimeSpan.Zero);
        var late = await RecordAsync(seed: 7, advanceBeforeSubscribe: TimeSpan.FromSeconds(30));
        var other = await RecordAsync(seed: 8, advanceBeforeSubscribe: TimeSpan.Zero);

        Assert.NotEmpty(early);
        // The late subscriber missed the first 30 s: what it saw is exactly the end of what the early one saw.
        Assert.NotEmpty(late);
        Assert.Equal(late, early.TakeLast(late.Count));
        Assert.NotEqual(early, other);
    }

    [Fact]
    public async Task Faults_OnOptionSessions_ActAsOnStocks()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 13, 30, 0, TimeSpan.Zero));
        await using var sim = await AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with { TimeProvider = clock, AuthTimeout = TimeSpan.FromHours(1) });
        await using (var dropped = await PackClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Opra))
        {
            // One connection per key and endpoint: a second one is refused with 406.
            await using (var second = await PackClient.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Opra)))
            {
                await second.ReceiveSingleAsync();
                await second.SendAsync(Messages.Auth(sim));
                Assert.Equal(406L, (await second.ReceiveSingleAsync())["code"]);
            }

            // A drop keeps the dead session counting against the key for the period asked.
            Assert.True(sim.Faults.DropAllConnections(TimeSpan.FromSeconds(20)) >= 1);
            await Assert.ThrowsAnyAsync<WebSocketException>(() => dropped.Raw.ReceiveRawAsync());
        }

        using var cts = new CancellationTokenSource(RawClient.Timeout);
        await sim.Counters.WaitUntilAsync(c => c.ConnectionsCurrent == 0, cts.Token);
        await using (var early = await PackClient.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Opra)))
        {
            await early.ReceiveSingleAsync();
            await early.SendAsync(Messages.Auth(sim));
            Assert.Equal(406L, (await early.ReceiveSingleAsync())["code"]);
        }

        clock.Advance(TimeSpan.FromSeconds(21));
        await using var accepted = await PackClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Opra);
    }

    [Fact]
    public async Task Authenticate_KeyWithoutOpra_Error409_IndicativeAccepted()
    {
        var indicativeOnly = AlpacaKeyPair.Default with { Feeds = new HashSet<AlpacaSimulatorFeed> { AlpacaSimulatorFeed.Indicative } };
        await using var sim = await AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with { KeyPairs = [indicativeOnly] });
        await using (var refused = await PackClient.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Opra)))
        {
            await refused.ReceiveSingleAsync();
            await refused.SendAsync(Messages.Auth(sim));
            Assert.Equal(409L, (await refused.ReceiveSingleAsync())["code"]);
        }

        await using var accepted = await PackClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Indicative);
    }

    /// <summary>The trades and quotes of one contract until a fixed market time, with a fake clock so the market only moves when told.</summary>
    private static async Task<List<string>> RecordAsync(int seed, TimeSpan advanceBeforeSubscribe)
    {
        var start = new DateTimeOffset(2024, 5, 1, 13, 30, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        var options = AlpacaSimulatorOptions.Default with
        {
            Seed = seed,
            TimeProvider = clock,
            MarketStart = start,
            TickInterval = TimeSpan.FromSeconds(1),
            AuthTimeout = TimeSpan.FromHours(1),
        };
        await using var sim = await AlpacaMarketSimulator.StartAsync(options);
        await using var client = await PackClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Indicative);
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        await AdvanceAsync(sim, clock, advanceBeforeSubscribe, cts.Token);
        await client.SendAsync($$"""{"action":"subscribe","trades":["{{Contract}}"],"quotes":["{{Contract}}"]}""");
        await client.ReceiveSingleAsync();
        await AdvanceAsync(sim, clock, TimeSpan.FromMinutes(1) - advanceBeforeSubscribe, cts.Token);

        // Everything up to 13:31 has been produced and sent; one more event past it marks the end.
        clock.Advance(TimeSpan.FromSeconds(30));
        var end = (start + TimeSpan.FromMinutes(1)).ToUnixTimeSeconds();
        var seen = new List<Dictionary<string, object>>();
        await client.ReceiveUntilAsync(m => ((PackedTimestamp)m["t"]).Seconds >= end, seen);
        return [.. seen.Where(m => ((PackedTimestamp)m["t"]).Seconds < end).Select(Describe)];
    }

    private static async Task AdvanceAsync(AlpacaMarketSimulator sim, FakeTimeProvider clock, TimeSpan by, CancellationToken cancellationToken)
    {
        for (var step = TimeSpan.Zero; step < by; step += TimeSpan.FromSeconds(5))
        {
            var ticks = sim.Counters.MarketTicks;
            clock.Advance(TimeSpan.FromSeconds(5));
            await sim.Counters.WaitUntilAsync(c => c.MarketTicks > ticks, cancellationToken);
        }
    }

    private static string Describe(Dictionary<string, object> message) =>
        string.Join(',', message.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
