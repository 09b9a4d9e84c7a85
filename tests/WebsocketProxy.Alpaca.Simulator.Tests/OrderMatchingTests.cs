using System.Globalization;
using System.Net;
using System.Text.Json;
using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

public sealed class OrderMatchingTests
{
    private const string LimitBuyAtOneDollar = """{"symbol":"AAPL","qty":5,"side":"buy","type":"limit","limit_price":"1","time_in_force":"gtc"}""";

    [Fact]
    public async Task MarketBuy_FillsAtTheAskOfTheQuoteStandingWhenSubmitted_AsTheFeedSentIt()
    {
        await using var market = await FakeMarket.StartAsync();
        var sim = market.Sim;
        await using var feed = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await feed.SendAsync("""{"action":"subscribe","quotes":["AAPL"]}""");
        await feed.ReceiveSingleAsync();
        await using var stream = await TradingStreamClient.ConnectListeningAsync(sim);
        using var api = new OrdersApi(sim);
        await market.AdvanceAsync(TimeSpan.FromSeconds(5));

        var order = await api.PlaceOkAsync("""{"symbol":"AAPL","qty":1,"side":"buy","type":"market","time_in_force":"day"}""");
        await market.AdvanceAsync(TimeSpan.FromSeconds(1));
        var updates = await stream.ReceiveUntilDoneAsync(order.GetProperty("id").GetString()!);

        Assert.Equal(["new", "fill"], updates.Select(u => u.GetProperty("event").GetString()));
        var fill = updates[1];
        var fillTime = Nanos(fill.GetProperty("timestamp").GetString()!);
        Assert.Equal(Nanos(order.GetProperty("submitted_at").GetString()!) / 1000, fillTime / 1000);
        var quotes = new List<JsonElement>();
        await feed.ReceiveUntilAsync(m => m.Type() == "q" && Nanos(m.GetProperty("t").GetString()!) > fillTime, quotes);
        var standing = quotes.Last(q => q.Type() == "q" && Nanos(q.GetProperty("t").GetString()!) <= fillTime);
        Assert.Equal(decimal.Parse(standing.GetProperty("ap").GetRawText(), CultureInfo.InvariantCulture), decimal.Parse(fill.GetProperty("price").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal("1", fill.GetProperty("qty").GetString());
        Assert.Equal("1", fill.GetProperty("position_qty").GetString());
        Assert.True(Guid.TryParse(fill.GetProperty("execution_id").GetString(), out _));
        var filled = fill.GetProperty("order");
        Assert.Equal("filled", filled.GetProperty("status").GetString());
        Assert.Equal("1", filled.GetProperty("filled_qty").GetString());
        Assert.Equal(fill.GetProperty("price").GetString(), filled.GetProperty("filled_avg_price").GetString());
        Assert.NotEqual(JsonValueKind.Null, filled.GetProperty("filled_at").ValueKind);
    }

    [Fact]
    public async Task MarketBuy_LargerThanTheQuotedSize_PartialFillsAcrossQuotesThenFill()
    {
        await using var market = await FakeMarket.StartAsync();
        await using var stream = await TradingStreamClient.ConnectListeningAsync(market.Sim);
        using var api = new OrdersApi(market.Sim);
        await market.AdvanceAsync(TimeSpan.FromSeconds(2));

        var order = await api.PlaceOkAsync("""{"symbol":"MSFT","qty":150,"side":"buy","type":"market","time_in_force":"day"}""");
        var id = order.GetProperty("id").GetString()!;
        var done = stream.ReceiveUntilDoneAsync(id);
        while (!done.IsCompleted)
        {
            await market.AdvanceAsync(TimeSpan.FromSeconds(1));
        }

        var updates = await done;
        var events = updates.Select(u => u.GetProperty("event").GetString()).ToList();
        Assert.Equal("new", events[0]);
        Assert.Equal("fill", events[^1]);
        Assert.True(events.Count(e => e == "partial_fill") >= 2, string.Join(",", events));
        var fills = updates.Skip(1).ToList();
        Assert.Equal(150m, fills.Sum(f => decimal.Parse(f.GetProperty("qty").GetString()!, CultureInfo.InvariantCulture)));
        Assert.Equal("150", fills[^1].GetProperty("position_qty").GetString());
        Assert.All(fills.SkipLast(1), f => Assert.Equal("partially_filled", f.GetProperty("order").GetProperty("status").GetString()));
        var average = fills.Sum(f => Dec(f, "qty") * Dec(f, "price")) / 150m;
        Assert.Equal(decimal.Round(average, 9), Dec(fills[^1].GetProperty("order"), "filled_avg_price"));
    }

    [Fact]
    public async Task LimitBuy_FarBelowTheMarket_RestsUntilCanceled()
    {
        await using var market = await FakeMarket.StartAsync();
        await using var stream = await TradingStreamClient.ConnectListeningAsync(market.Sim);
        using var api = new OrdersApi(market.Sim);

        var id = (await api.PlaceOkAsync(LimitBuyAtOneDollar)).GetProperty("id").GetString()!;
        await market.AdvanceAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("new", (await stream.ReceiveUpdateAsync()).GetProperty("event").GetString());
        var (_, order) = await api.GetAsync($"/v2/orders/{id}");
        Assert.Equal("new", order.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/v2/orders/{id}")).Status);

        var canceled = await stream.ReceiveUpdateAsync();
        Assert.Equal("canceled", canceled.GetProperty("event").GetString());
        Assert.Equal("0", canceled.GetProperty("order").GetProperty("filled_qty").GetString());
        Assert.Equal(2, market.Sim.Counters.TradeUpdatesMade);
    }

    [Fact]
    public async Task LimitSell_AboveTheBid_FillsOnceAQuoteCrossesIt_AtTheBid()
    {
        await using var market = await FakeMarket.StartAsync(o => o with { Seed = 11 });
        await using var stream = await TradingStreamClient.ConnectListeningAsync(market.Sim);
        using var api = new OrdersApi(market.Sim);
        await market.AdvanceAsync(TimeSpan.FromSeconds(1));
        var first = await api.PlaceOkAsync("""{"symbol":"NVDA","qty":1,"side":"buy","type":"market","time_in_force":"day"}""");
        await market.AdvanceAsync(TimeSpan.FromSeconds(1));
        var bought = (await stream.ReceiveUntilDoneAsync(first.GetProperty("id").GetString()!))[^1];
        var limit = Dec(bought, "price") + 0.05m;

        var sell = await api.PlaceOkAsync($$"""{"symbol":"NVDA","qty":1,"side":"sell","type":"limit","limit_price":"{{limit.ToString(CultureInfo.InvariantCulture)}}","time_in_force":"gtc"}""");
        Assert.Equal("sell_to_close", sell.GetProperty("position_intent").GetString());
        var done = stream.ReceiveUntilDoneAsync(sell.GetProperty("id").GetString()!);
        for (var i = 0; i < 600 && !done.IsCompleted; i++)
        {
            await market.AdvanceAsync(TimeSpan.FromSeconds(1));
        }

        var fill = (await done)[^1];
        Assert.Equal("fill", fill.GetProperty("event").GetString());
        Assert.True(Dec(fill, "price") >= limit);
        Assert.Equal("0", fill.GetProperty("position_qty").GetString());
    }

    [Fact]
    public async Task ImmediateOrCancel_LargerThanTheQuote_FillsWhatIsThere_CancelsTheRest()
    {
        await using var market = await FakeMarket.StartAsync();
        await using var stream = await TradingStreamClient.ConnectListeningAsync(market.Sim);
        using var api = new OrdersApi(market.Sim);
        await market.AdvanceAsync(TimeSpan.FromSeconds(2));

        var order = await api.PlaceOkAsync("""{"symbol":"AAPL","qty":1000,"side":"sell","type":"market","time_in_force":"ioc"}""");
        await market.AdvanceAsync(TimeSpan.FromSeconds(1));
        var updates = await stream.ReceiveUntilDoneAsync(order.GetProperty("id").GetString()!);

        Assert.Equal(["new", "partial_fill", "canceled"], updates.Select(u => u.GetProperty("event").GetString()));
        Assert.Equal("canceled", updates[^1].GetProperty("order").GetProperty("status").GetString());
        Assert.Equal(updates[1].GetProperty("qty").GetString(), updates[^1].GetProperty("order").GetProperty("filled_qty").GetString());
    }

    [Fact]
    public async Task FillOrKill_LargerThanTheQuote_CanceledWithNothingFilled()
    {
        await using var market = await FakeMarket.StartAsync();
        await using var stream = await TradingStreamClient.ConnectListeningAsync(market.Sim);
        using var api = new OrdersApi(market.Sim);
        await market.AdvanceAsync(TimeSpan.FromSeconds(2));

        var order = await api.PlaceOkAsync("""{"symbol":"AAPL","qty":1000,"side":"buy","type":"market","time_in_force":"fok"}""");
        await market.AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(["new", "canceled"], (await stream.ReceiveUntilDoneAsync(order.GetProperty("id").GetString()!)).Select(u => u.GetProperty("event").GetString()));
    }

    [Fact]
    public async Task NotionalBuy_FillsAFractionalQuantityAtOnce()
    {
        await using var market = await FakeMarket.StartAsync();
        await using var stream = await TradingStreamClient.ConnectListeningAsync(market.Sim);
        using var api = new OrdersApi(market.Sim);
        await market.AdvanceAsync(TimeSpan.FromSeconds(2));

        var order = await api.PlaceOkAsync("""{"symbol":"SPY","notional":"100","side":"buy","type":"market","time_in_force":"day"}""");
        await market.AdvanceAsync(TimeSpan.FromSeconds(1));
        var fill = (await stream.ReceiveUntilDoneAsync(order.GetProperty("id").GetString()!))[^1];

        Assert.Equal("fill", fill.GetProperty("event").GetString());
        Assert.Equal(JsonValueKind.Null, fill.GetProperty("order").GetProperty("qty").ValueKind);
        Assert.Equal("100", fill.GetProperty("order").GetProperty("notional").GetString());
        var value = Dec(fill, "qty") * Dec(fill, "price");
        Assert.InRange(value, 99.99m, 100m);
    }

    [Fact]
    public async Task StopBuy_AboveTheMarket_WaitsThenFillsOnceTheAskReachesIt()
    {
        await using var market = await FakeMarket.StartAsync(o => o with { Seed = 5 });
        await using var stream = await TradingStreamClient.ConnectListeningAsync(market.Sim);
        using var api = new OrdersApi(market.Sim);
        await market.AdvanceAsync(TimeSpan.FromSeconds(1));
        var probe = await api.PlaceOkAsync("""{"symbol":"AMZN","qty":1,"side":"buy","type":"market","time_in_force":"day"}""");
        await market.AdvanceAsync(TimeSpan.FromSeconds(1));
        var ask = Dec((await stream.ReceiveUntilDoneAsync(probe.GetProperty("id").GetString()!))[^1], "price");
        var stop = ask + 0.05m;

        var order = await api.PlaceOkAsync($$"""{"symbol":"AMZN","qty":1,"side":"buy","type":"stop","stop_price":"{{stop.ToString(CultureInfo.InvariantCulture)}}","time_in_force":"gtc"}""");
        var done = stream.ReceiveUntilDoneAsync(order.GetProperty("id").GetString()!);
        for (var i = 0; i < 1200 && !done.IsCompleted; i++)
        {
            await market.AdvanceAsync(TimeSpan.FromSeconds(1));
        }

        var fill = (await done)[^1];
        Assert.Equal("fill", fill.GetProperty("event").GetString());
        Assert.True(Dec(fill, "price") >= stop);
        Assert.Equal("stop", fill.GetProperty("order").GetProperty("type").GetString());
    }

    [Fact]
    public async Task TradeUpdates_GoToEverySessionOfTheAccount_AndNoOtherAccount()
    {
        var other = new AlpacaKeyPair("PKOTHERACCOUNT", "other-secret");
        await using var market = await FakeMarket.StartAsync(o => o with { KeyPairs = [AlpacaKeyPair.Default, other] });
        await using var first = await TradingStreamClient.ConnectListeningAsync(market.Sim);
        await using var second = await TradingStreamClient.ConnectListeningAsync(market.Sim);
        await using var stranger = await TradingStreamClient.ConnectListeningAsync(market.Sim, other);
        using var api = new OrdersApi(market.Sim);
        using var otherApi = new OrdersApi(market.Sim, other);

        var mine = (await api.PlaceOkAsync(LimitBuyAtOneDollar)).GetProperty("id").GetString();
        var theirs = (await otherApi.PlaceOkAsync(LimitBuyAtOneDollar)).GetProperty("id").GetString();
        await market.AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(mine, (await first.ReceiveUpdateAsync()).GetProperty("order").GetProperty("id").GetString());
        Assert.Equal(mine, (await second.ReceiveUpdateAsync()).GetProperty("order").GetProperty("id").GetString());
        Assert.Equal(theirs, (await stranger.ReceiveUpdateAsync()).GetProperty("order").GetProperty("id").GetString());
        Assert.Equal(3, market.Sim.Counters.TradeUpdatesSent);
        Assert.Equal(3, market.Sim.Counters.TradingConnectionsCurrent);
    }

    [Fact]
    public async Task RejectOrders_Fault_NextOrderRejectedInsteadOfNew()
    {
        await using var market = await FakeMarket.StartAsync();
        await using var stream = await TradingStreamClient.ConnectListeningAsync(market.Sim);
        using var api = new OrdersApi(market.Sim);
        market.Sim.Faults.RejectOrders(1);

        var rejected = (await api.PlaceOkAsync(LimitBuyAtOneDollar)).GetProperty("id").GetString()!;
        var accepted = (await api.PlaceOkAsync(LimitBuyAtOneDollar)).GetProperty("id").GetString()!;
        await market.AdvanceAsync(TimeSpan.FromSeconds(1));

        var update = (await stream.ReceiveUntilDoneAsync(rejected))[^1];
        Assert.Equal("rejected", update.GetProperty("event").GetString());
        Assert.NotEqual(JsonValueKind.Null, update.GetProperty("order").GetProperty("failed_at").ValueKind);
        var next = await stream.ReceiveUpdateAsync();
        Assert.Equal(accepted, next.GetProperty("order").GetProperty("id").GetString());
        Assert.Equal("new", next.GetProperty("event").GetString());
    }

    [Fact]
    public async Task DayOrder_Unfilled_ExpiresAtTheEndOfItsMarketDay()
    {
        await using var market = await FakeMarket.StartAsync(start: new DateTimeOffset(2024, 5, 1, 23, 59, 0, TimeSpan.Zero));
        await using var stream = await TradingStreamClient.ConnectListeningAsync(market.Sim);
        using var api = new OrdersApi(market.Sim);

        var order = await api.PlaceOkAsync("""{"symbol":"AAPL","qty":5,"side":"buy","type":"limit","limit_price":"1","time_in_force":"day"}""");
        Assert.Equal("2024-05-02T00:00:00.000000Z", order.GetProperty("expires_at").GetString());
        for (var i = 0; i < 3; i++)
        {
            await market.AdvanceAsync(TimeSpan.FromSeconds(30));
        }

        var updates = await stream.ReceiveUntilDoneAsync(order.GetProperty("id").GetString()!);
        Assert.Equal(["new", "expired"], updates.Select(u => u.GetProperty("event").GetString()));
        Assert.Equal("2024-05-02T00:00:00Z", updates[1].GetProperty("timestamp").GetString());
        Assert.Equal("expired", updates[1].GetProperty("order").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Positions_FollowTheFills()
    {
        await using var market = await FakeMarket.StartAsync();
        await using var stream = await TradingStreamClient.ConnectListeningAsync(market.Sim);
        using var api = new OrdersApi(market.Sim);
        await market.AdvanceAsync(TimeSpan.FromSeconds(1));
        foreach (var (side, qty) in new[] { ("buy", 3), ("sell", 1) })
        {
            var order = await api.PlaceOkAsync($$"""{"symbol":"TSLA","qty":{{qty}},"side":"{{side}}","type":"market","time_in_force":"day"}""");
            await market.AdvanceAsync(TimeSpan.FromSeconds(1));
            await stream.ReceiveUntilDoneAsync(order.GetProperty("id").GetString()!);
        }

        var (status, position) = await api.GetAsync("/v2/positions/TSLA");
        var (_, all) = await api.GetAsync("/v2/positions");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2", position.GetProperty("qty").GetString());
        Assert.Equal("long", position.GetProperty("side").GetString());
        Assert.Equal("TSLA", Assert.Single(all.EnumerateArray()).GetProperty("symbol").GetString());
    }

    [Fact]
    public async Task SameSeedAndScript_SameTradeUpdates_ToTheIdAndNanosecond()
    {
        var first = await RecordAsync(seed: 3);
        var again = await RecordAsync(seed: 3);
        var other = await RecordAsync(seed: 4);

        Assert.True(first.Count >= 4, string.Join("\n", first));
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    private static async Task<List<string>> RecordAsync(int seed)
    {
        await using var market = await FakeMarket.StartAsync(o => o with { Seed = seed });
        await using var stream = await TradingStreamClient.ConnectListeningAsync(market.Sim);
        using var api = new OrdersApi(market.Sim);
        var updates = new List<string>();
        await market.AdvanceAsync(TimeSpan.FromSeconds(3));
        foreach (var body in new[]
        {
            """{"symbol":"AAPL","qty":30,"side":"buy","type":"market","time_in_force":"day","client_order_id":"a"}""",
            """{"symbol":"AAPL","qty":10,"side":"sell","type":"market","time_in_force":"day","client_order_id":"b"}""",
        })
        {
            // Fixed steps of the clock, so each order is submitted at the same market time in every run.
            var id = (await api.PlaceOkAsync(body)).GetProperty("id").GetString()!;
            for (var i = 0; i < 40; i++)
            {
                await market.AdvanceAsync(TimeSpan.FromMilliseconds(500));
            }

            updates.AddRange((await stream.ReceiveUntilDoneAsync(id)).Select(u => u.GetRawText()));
        }

        return updates;
    }

    private static decimal Dec(JsonElement element, string name) =>
        decimal.Parse(element.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    /// <summary>Nanoseconds since the epoch of an RFC 3339 time with up to nine fraction digits.</summary>
    private static long Nanos(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var whole = DateTimeOffset.Parse(dot < 0 ? text : text[..dot] + "Z", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var fraction = dot < 0 ? 0 : long.Parse(text[(dot + 1)..^1].PadRight(9, '0'), CultureInfo.InvariantCulture);
        return ((whole.UtcTicks - DateTime.UnixEpoch.Ticks) * 100) + fraction;
    }
}
