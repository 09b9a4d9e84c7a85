using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

public sealed class SubscriptionTests
{
    [Fact]
    public async Task Subscribe_BeforeAuth_Error401()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Iex));
        await client.ReceiveSingleAsync();
        await client.SendAsync("""{"action":"subscribe","trades":["AAPL"]}""");
        Assert.True((await client.ReceiveSingleAsync()).IsError(401));
    }

    [Fact]
    public async Task Subscribe_ThenMore_RepliesWithWholeSetAndCorrectionsFollowTrades()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await client.SendAsync("""{"action":"subscribe","trades":["AAPL"],"quotes":["AAPL","MSFT"],"bars":["*"]}""");
        var first = await client.ReceiveSingleAsync();
        Assert.Equal("subscription", first.Type());
        Assert.Equal(["AAPL"], first.Strings("trades"));
        Assert.Equal(["AAPL", "MSFT"], first.Strings("quotes"));
        Assert.Equal(["*"], first.Strings("bars"));
        Assert.Equal(["AAPL"], first.Strings("corrections"));
        Assert.Equal(["AAPL"], first.Strings("cancelErrors"));
        Assert.Empty(first.Strings("updatedBars"));
        Assert.Empty(first.Strings("dailyBars"));
        Assert.Empty(first.Strings("statuses"));
        Assert.Empty(first.Strings("lulds"));

        await client.SendAsync("""{"action":"subscribe","trades":["TSLA"]}""");
        var second = await client.ReceiveSingleAsync();
        Assert.Equal(["AAPL", "TSLA"], second.Strings("trades"));
        Assert.Equal(["AAPL", "MSFT"], second.Strings("quotes"));
        Assert.Equal(["AAPL", "TSLA"], second.Strings("corrections"));
    }

    [Fact]
    public async Task Unsubscribe_RemovesOnlyNamedSymbols()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Sip);
        await client.SendAsync("""{"action":"subscribe","trades":["AAPL","MSFT","*"],"quotes":["AAPL"]}""");
        await client.ReceiveSingleAsync();
        await client.SendAsync("""{"action":"unsubscribe","trades":["MSFT","*"],"quotes":["AAPL"]}""");
        var reply = await client.ReceiveSingleAsync();
        Assert.Equal(["AAPL"], reply.Strings("trades"));
        Assert.Empty(reply.Strings("quotes"));
        Assert.Equal(["AAPL"], reply.Strings("cancelErrors"));
    }

    [Fact]
    public async Task Subscribe_ThousandsOfSymbolsInOneMessage_AllInTheReply()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Sip);
        var symbols = Enumerable.Range(0, 5000).Select(i => $"S{i}").ToArray();
        var list = string.Join(',', symbols.Select(s => "\"" + s + "\""));
        await client.SendAsync($$"""{"action":"subscribe","bars":[{{list}}]}""");
        Assert.Equal(symbols, (await client.ReceiveUntilAsync(m => m.Type() == "subscription")).Strings("bars"));
        await client.SendAsync("""{"action":"unsubscribe","bars":["S0","S4999"]}""");
        Assert.Equal(symbols[1..^1], (await client.ReceiveUntilAsync(m => m.Type() == "subscription")).Strings("bars"));
    }

    [Fact]
    public async Task Subscribe_PastSymbolLimit_Error405AndSetUnchanged()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with { SymbolLimit = 2 });
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await client.SendAsync("""{"action":"subscribe","trades":["AAPL"],"quotes":["MSFT"]}""");
        await client.ReceiveSingleAsync();
        await client.SendAsync("""{"action":"subscribe","bars":["TSLA"]}""");
        var error = await client.ReceiveSingleAsync();
        Assert.True(error.IsError(405));
        Assert.Equal("symbol limit exceeded", error.GetProperty("msg").GetString());
        await client.SendAsync("""{"action":"subscribe","bars":["AAPL"]}""");
        var reply = await client.ReceiveSingleAsync();
        Assert.Equal(["AAPL"], reply.Strings("bars"));
        Assert.Equal(["AAPL"], reply.Strings("trades"));
        Assert.Equal(["MSFT"], reply.Strings("quotes"));
    }

    [Theory]
    [InlineData(AlpacaSimulatorFeed.Iex, """{"action":"subscribe","orderbooks":["AAPL"]}""")]
    [InlineData(AlpacaSimulatorFeed.Crypto, """{"action":"subscribe","statuses":["BTC/USD"]}""")]
    [InlineData(AlpacaSimulatorFeed.News, """{"action":"subscribe","trades":["AAPL"]}""")]
    [InlineData(AlpacaSimulatorFeed.Iex, """{"action":"subscribe","news":["AAPL"]}""")]
    public async Task Subscribe_ChannelNotOffered_Error410(AlpacaSimulatorFeed feed, string text)
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, feed);
        await client.SendAsync(text);
        var error = await client.ReceiveSingleAsync();
        Assert.True(error.IsError(410));
        Assert.Equal("invalid subscribe action for this feed", error.GetProperty("msg").GetString());
    }

    [Theory]
    [InlineData(AlpacaSimulatorFeed.Iex, """{"action":"subscribe","trades":["AAPL"],"quotes":null,"bars":[],"updatedBars":null,"dailyBars":null,"statuses":null,"lulds":null,"imbalances":null,"corrections":null,"cancelErrors":null,"orderbooks":null,"news":[],"pricing":null}""")]
    [InlineData(AlpacaSimulatorFeed.Crypto, """{"action":"subscribe","trades":["BTC/USD"],"quotes":null,"bars":null,"orderbooks":[],"statuses":null,"lulds":[],"news":null,"imbalances":null}""")]
    [InlineData(AlpacaSimulatorFeed.News, """{"action":"subscribe","news":["AAPL"],"trades":null,"quotes":[],"orderbooks":null}""")]
    public async Task Subscribe_GoSdkShapeWithNullOrEmptyKeysTheFeedLacks_AcceptedAndReplyListsOnlyFeedChannels(AlpacaSimulatorFeed feed, string text)
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, feed);
        await client.SendAsync(text);
        var reply = await client.ReceiveSingleAsync();
        Assert.Equal("subscription", reply.Type());
        var keys = reply.EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.DoesNotContain("pricing", keys);
        Assert.Equal(feed != AlpacaSimulatorFeed.News, keys.Contains("trades"));
        Assert.Equal(feed == AlpacaSimulatorFeed.Crypto, keys.Contains("orderbooks"));
        Assert.Equal(feed == AlpacaSimulatorFeed.News, keys.Contains("news"));
        Assert.Equal(feed == AlpacaSimulatorFeed.Iex, keys.Contains("statuses"));
        var subscribed = feed switch
        {
            AlpacaSimulatorFeed.News => reply.Strings("news"),
            _ => reply.Strings("trades"),
        };
        Assert.Single(subscribed);
    }

    [Fact]
    public async Task Unsubscribe_GoSdkShapeWithNullKeysTheFeedLacks_Accepted()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Sip);
        await client.SendAsync("""{"action":"subscribe","trades":["AAPL","MSFT"]}""");
        await client.ReceiveSingleAsync();
        await client.SendAsync("""{"action":"unsubscribe","trades":["AAPL"],"quotes":null,"orderbooks":null,"news":null}""");
        var reply = await client.ReceiveSingleAsync();
        Assert.Equal(["MSFT"], reply.Strings("trades"));
    }

    [Fact]
    public async Task Subscribe_CryptoSymbolWithoutSlash_Error400()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Crypto);
        await client.SendAsync("""{"action":"subscribe","trades":["BTCUSD"]}""");
        Assert.True((await client.ReceiveSingleAsync()).IsError(400));
    }

    [Fact]
    public async Task Counters_ReceivedMessages_HoldExactTextsInOrder()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        const string Subscribe = """{"action":"subscribe","trades":["AAPL"]}""";
        const string Unsubscribe = """{"action":"unsubscribe","trades":["AAPL"]}""";
        await client.SendAsync(Subscribe);
        await client.ReceiveSingleAsync();
        await client.SendAsync(Unsubscribe);
        await client.ReceiveSingleAsync();

        var connection = Assert.Single(sim.Counters.Connections);
        var maskedAuth = $$"""{"action":"auth","key":"{{sim.Credentials.KeyId}}","secret":"***"}""";
        Assert.Equal([maskedAuth, Subscribe, Unsubscribe], connection.ReceivedMessages);
        Assert.DoesNotContain(connection.ReceivedMessages, m => m.Contains(sim.Credentials.Secret, StringComparison.Ordinal));
        Assert.Empty(connection.Subscriptions["trades"]);
        Assert.Equal(1, sim.Counters.ConnectionsSeen);
        Assert.Equal(1, sim.Counters.ConnectionsCurrent);
        Assert.True(sim.Counters.FramesSent >= 4);
    }

    [Fact]
    public async Task Counters_ClientLeaves_CurrentDropsAndSeenStays()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await client.DisposeAsync();
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        await sim.Counters.WaitUntilAsync(c => c.ConnectionsCurrent == 0, cts.Token);
        Assert.Equal(1, sim.Counters.ConnectionsSeen);
        Assert.False(Assert.Single(sim.Counters.Connections).IsOpen);
    }
}
