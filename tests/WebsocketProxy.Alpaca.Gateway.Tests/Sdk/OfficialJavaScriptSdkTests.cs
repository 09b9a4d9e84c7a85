namespace WebsocketProxy.Alpaca.Gateway.Tests.Sdk;

/// <summary>
/// The official Alpaca JavaScript SDK (<c>@alpacahq/alpaca-trade-api</c> from npm, pinned in js/package-lock.json),
/// unchanged, in several Node processes at once, each pointed at the gateway by the SDK's own <c>url</c> option and
/// nothing else: each sees its own data and only its own, the simulator sees one upstream connection per endpoint,
/// a wrong key hurts nobody else, and a process that goes releases what it held. The SDK speaks MessagePack on every
/// market-data stream (it sends <c>Content-Type: application/msgpack</c>), so these run the gateway's MessagePack path.
/// </summary>
public sealed class OfficialJavaScriptSdkTests
{
    private const string Iex = "/v2/iex";
    private const string Crypto = "/v1beta3/crypto/us";
    private const string News = "/v1beta1/news";
    private const string Indicative = "/v1beta1/indicative";
    private const string OptionContract = "AAPL241220C00200000";

    [Fact]
    public async Task OfficialSdk_SixProcessesOnFourEndpoints_EachGetsOnlyItsOwnDataOverOneUpstreamConnectionPerEndpoint()
    {
        await using var world = await SdkWorld.StartAsync();
        // Overlapping sets on purpose: AAPL trades are held by two processes, AAPL bars by a third.
        var first = world.Start("stocks-1", "stocks", Iex, new Dictionary<string, string[]> { ["trades"] = ["AAPL"], ["quotes"] = ["MSFT"] });
        var second = world.Start("stocks-2", "stocks", Iex, new Dictionary<string, string[]> { ["trades"] = ["AAPL", "TSLA"], ["bars"] = ["NVDA"] });
        var third = world.Start("stocks-3", "stocks", Iex, new Dictionary<string, string[]> { ["bars"] = ["AAPL"], ["quotes"] = ["AMZN"] });
        var crypto = world.Start("crypto", "crypto", Crypto, new Dictionary<string, string[]> { ["trades"] = ["BTC/USD"], ["orderbooks"] = ["ETH/USD"] });
        var news = world.Start("news", "news", News, new Dictionary<string, string[]> { ["news"] = ["AAPL", "MSFT"] });
        var options = world.Start("options", "options", Indicative, new Dictionary<string, string[]> { ["trades"] = [OptionContract] });
        SdkProcess[] all = [first, second, third, crypto, news, options];

        await Task.WhenAll(all.Select(p => p.WaitUntilSubscribedAsync()));
        await Task.WhenAll(
            first.WaitForDataAsync("trade", "AAPL"),
            first.WaitForDataAsync("quote", "MSFT"),
            second.WaitForDataAsync("trade", "AAPL"),
            second.WaitForDataAsync("trade", "TSLA"),
            second.WaitForDataAsync("bar", "NVDA"),
            third.WaitForDataAsync("bar", "AAPL"),
            third.WaitForDataAsync("quote", "AMZN"),
            crypto.WaitForDataAsync("trade", "BTC/USD"),
            crypto.WaitForDataAsync("orderbook", "ETH/USD"),
            news.WaitForDataAsync("news", "AAPL", count: 1),
            options.WaitForDataAsync("trade", OptionContract));

        foreach (var process in all)
        {
            process.AssertOnlyItsOwn();
        }

        // One authenticated upstream connection per endpoint, whatever the number of processes on it.
        foreach (var path in new[] { Iex, Crypto, News, Indicative })
        {
            var connection = Assert.Single(world.ConnectionsOn(path));
            Assert.True(connection.IsAuthenticated, world.DescribeSimulator());
            Assert.Single(connection.ReceivedMessages, m => m.Contains("\"auth\"", StringComparison.Ordinal));
        }

        Assert.Equal(4, world.Simulator.Counters.ConnectionsSeen);
        await world.WaitForSimulatorAsync(
            _ => SubscribedUpstream(world, Iex, "trades").SetEquals(["AAPL", "TSLA"])
                && SubscribedUpstream(world, Iex, "quotes").SetEquals(["MSFT", "AMZN"])
                && SubscribedUpstream(world, Iex, "bars").SetEquals(["NVDA", "AAPL"]),
            "the stocks upstream holding the union of the three processes' subscriptions");
    }

    [Fact]
    public async Task OfficialSdk_OneProcessWithAWrongSecret_GetsAuthFailedAndTheOthersAreUnaffected()
    {
        await using var world = await SdkWorld.StartAsync();
        var good = world.Start("good", "stocks", Iex, new Dictionary<string, string[]> { ["trades"] = ["AAPL"] });
        await good.WaitUntilSubscribedAsync();
        await good.WaitForDataAsync("trade", "AAPL");

        var wrong = world.Start("wrong-secret", "stocks", Iex, new Dictionary<string, string[]> { ["trades"] = ["MSFT"] }, world.Keys with { Secret = "not-the-secret" });
        var auth = await wrong.WaitForEventAsync(e => e.Name == "auth", "the authentication outcome");
        Assert.False(auth.Json.GetProperty("authenticated").GetBoolean(), auth.ToString());
        Assert.Equal("server_rejected", auth.Json.GetProperty("status").GetString());
        Assert.Equal(402, auth.Json.GetProperty("code").GetInt32());
        // The SDK treats 402 as final: it disconnects and does not retry.
        await wrong.WaitForEventAsync(e => e.Name == "disconnected", "the SDK giving up");

        // The process already connected goes on, and a process with the right key still joins the shared connection.
        var mark = good.Events.Count;
        var late = world.Start("late", "stocks", Iex, new Dictionary<string, string[]> { ["quotes"] = ["NVDA"] });
        await late.WaitUntilSubscribedAsync();
        await Task.WhenAll(good.WaitForDataAsync("trade", "AAPL", count: 3, from: mark), late.WaitForDataAsync("quote", "NVDA"));

        Assert.DoesNotContain(wrong.Events, e => e.IsData || e.Name == "subscription");
        good.AssertOnlyItsOwn();
        late.AssertOnlyItsOwn();
        Assert.Single(world.ConnectionsOn(Iex), c => c.IsAuthenticated);
        Assert.DoesNotContain(world.ConnectionsOn(Iex).SelectMany(c => c.ReceivedMessages), m => m.Contains("MSFT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OfficialSdk_ProcessesGo_TheirSubscriptionsAreReleasedUpstreamWhenTheLastHolderLeaves()
    {
        await using var world = await SdkWorld.StartAsync();
        var staying = world.Start("staying", "stocks", Iex, new Dictionary<string, string[]> { ["trades"] = ["AAPL"], ["bars"] = ["MSFT"] });
        var killed = world.Start("killed", "stocks", Iex, new Dictionary<string, string[]> { ["trades"] = ["AAPL"], ["quotes"] = ["NVDA"] });
        await Task.WhenAll(staying.WaitUntilSubscribedAsync(), killed.WaitUntilSubscribedAsync());
        await Task.WhenAll(staying.WaitForDataAsync("trade", "AAPL"), killed.WaitForDataAsync("quote", "NVDA"));
        await world.WaitForSimulatorAsync(
            _ => SubscribedUpstream(world, Iex, "trades").SetEquals(["AAPL"]) && SubscribedUpstream(world, Iex, "quotes").SetEquals(["NVDA"]) && SubscribedUpstream(world, Iex, "bars").SetEquals(["MSFT"]),
            "both processes' subscriptions upstream");

        // kill -9: no close handshake. What only it held goes; AAPL trades, still held by the other, stay.
        await killed.KillAsync();
        await world.WaitForSimulatorAsync(_ => SubscribedUpstream(world, Iex, "quotes").Count == 0, "NVDA quotes released after their only holder was killed");
        var mark = staying.Events.Count;
        await staying.WaitForDataAsync("trade", "AAPL", count: 2, from: mark);
        Assert.Contains("AAPL", SubscribedUpstream(world, Iex, "trades"));
        Assert.Equal(0, UnsubscribesOf(world, "AAPL"));

        // A clean exit (the SDK's disconnect, with a close handshake) releases the rest.
        await staying.ExitAsync();
        await world.WaitForSimulatorAsync(
            _ => SubscribedUpstream(world, Iex, "trades").Count == 0 && SubscribedUpstream(world, Iex, "bars").Count == 0,
            "AAPL trades and MSFT bars released after the last holder exited");
        Assert.Equal(1, UnsubscribesOf(world, "AAPL"));
        Assert.Equal(1, world.Simulator.Counters.ConnectionsSeen);
        staying.AssertOnlyItsOwn();
        killed.AssertOnlyItsOwn();
    }

    [Fact]
    public async Task OfficialSdk_WildcardNextToNamedSymbols_EachGetsWhatItAskedForAndTheWildcardOutlivesTheNamed()
    {
        await using var world = await SdkWorld.StartAsync();
        var everything = world.Start("all-trades", "stocks", Iex, new Dictionary<string, string[]> { ["trades"] = ["*"] });
        var named = world.Start("named", "stocks", Iex, new Dictionary<string, string[]> { ["trades"] = ["AAPL"], ["quotes"] = ["MSFT"] });
        await Task.WhenAll(everything.WaitUntilSubscribedAsync(), named.WaitUntilSubscribedAsync());
        await everything.WaitUntilAsync(
            events => events.Where(e => e.Name == "trade").Select(e => e.Symbol).Distinct().Count() >= 3 && events.Any(e => e.Name == "trade" && e.Symbol == "AAPL"),
            "trades of AAPL and of at least two other symbols");
        await Task.WhenAll(named.WaitForDataAsync("trade", "AAPL"), named.WaitForDataAsync("quote", "MSFT"));
        everything.AssertOnlyItsOwn();
        named.AssertOnlyItsOwn();
        await world.WaitForSimulatorAsync(_ => SubscribedUpstream(world, Iex, "trades").SetEquals(["*", "AAPL"]), "both the wildcard and AAPL subscribed upstream");

        await named.ExitAsync();
        await world.WaitForSimulatorAsync(
            _ => SubscribedUpstream(world, Iex, "trades").SetEquals(["*"]) && SubscribedUpstream(world, Iex, "quotes").Count == 0,
            "the named process's AAPL trades and MSFT quotes released, the wildcard kept");
        var mark = everything.Events.Count;
        await everything.WaitForDataAsync("trade", "AAPL", count: 1, from: mark);
        Assert.Single(world.ConnectionsOn(Iex));
    }

    [Fact]
    public async Task OfficialSdk_UpstreamConnectionDrops_TheProcessesKeepTheirStreamsWithoutReconnecting()
    {
        await using var world = await SdkWorld.StartAsync();
        var first = world.Start("first", "stocks", Iex, new Dictionary<string, string[]> { ["trades"] = ["AAPL"] });
        var second = world.Start("second", "stocks", Iex, new Dictionary<string, string[]> { ["quotes"] = ["NVDA"], ["bars"] = ["MSFT"] });
        await Task.WhenAll(first.WaitUntilSubscribedAsync(), second.WaitUntilSubscribedAsync());
        await Task.WhenAll(first.WaitForDataAsync("trade", "AAPL"), second.WaitForDataAsync("quote", "NVDA"));

        // The proxy reconnects and restores the subscriptions; the local clients' own connections never drop.
        Assert.Equal(1, world.Simulator.Faults.DropAllConnections());
        await world.WaitForSimulatorAsync(
            counters => counters.ConnectionsSeen == 2 && SubscribedUpstream(world, Iex, "trades").SetEquals(["AAPL"])
                && SubscribedUpstream(world, Iex, "quotes").SetEquals(["NVDA"]) && SubscribedUpstream(world, Iex, "bars").SetEquals(["MSFT"]),
            "a second upstream connection with both processes' subscriptions restored");
        int firstMark = first.Events.Count, secondMark = second.Events.Count;
        await Task.WhenAll(
            first.WaitForDataAsync("trade", "AAPL", count: 3, from: firstMark),
            second.WaitForDataAsync("quote", "NVDA", count: 3, from: secondMark),
            second.WaitForDataAsync("bar", "MSFT", count: 1, from: secondMark));

        foreach (var process in new[] { first, second })
        {
            Assert.DoesNotContain(process.Events, e => e.Name is "disconnected" or "reconnecting" or "error");
            Assert.Single(process.Events, e => e.Name == "auth");
            process.AssertOnlyItsOwn();
        }
    }

    [Fact]
    public async Task OfficialSdk_StraightToTheSimulator_TheSameScriptsWork()
    {
        // The harness without the gateway: if this passes and a test above fails, the gateway is at fault.
        await using var world = await SdkWorld.StartAsync(throughGateway: false);
        var stocks = world.Start("stocks", "stocks", Iex, new Dictionary<string, string[]> { ["trades"] = ["AAPL"], ["bars"] = ["MSFT"] });
        var crypto = world.Start("crypto", "crypto", Crypto, new Dictionary<string, string[]> { ["trades"] = ["BTC/USD"] });
        await Task.WhenAll(stocks.WaitUntilSubscribedAsync(), crypto.WaitUntilSubscribedAsync());
        await Task.WhenAll(stocks.WaitForDataAsync("trade", "AAPL"), stocks.WaitForDataAsync("bar", "MSFT"), crypto.WaitForDataAsync("trade", "BTC/USD"));

        stocks.AssertOnlyItsOwn();
        crypto.AssertOnlyItsOwn();
        await stocks.ExitAsync();
        await world.WaitForSimulatorAsync(_ => world.ConnectionsOn(Iex).All(c => !c.IsOpen), "the SDK's clean exit closing its connection");
    }

    private static HashSet<string> SubscribedUpstream(SdkWorld world, string path, string channel) =>
        [.. world.ConnectionsOn(path).Where(c => c.IsOpen).SelectMany(c => c.Subscriptions.TryGetValue(channel, out var symbols) ? symbols : [])];

    private static int UnsubscribesOf(SdkWorld world, string symbol) =>
        world.ConnectionsOn(Iex).SelectMany(c => c.ReceivedMessages)
            .Count(m => m.Contains("unsubscribe", StringComparison.Ordinal) && m.Contains($"\"{symbol}\"", StringComparison.Ordinal));
}
