using WebsocketProxy.Alpaca.Simulator;

namespace WebsocketProxy.Alpaca.Gateway.Tests.Errors;

/// <summary>
/// Every error a local client can cause, with raw protocol clients in both codecs: it gets Alpaca's code and text where
/// Alpaca would send them (checked by the gateway, or relayed from upstream's answer to the client whose request caused
/// it), the connection stays open or closes as on Alpaca, and the other clients of the shared connection never notice.
/// </summary>
public sealed class GatewayErrorPathTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Auth_WrongSecret_Gets402BeforeTheCloseAndTheSharedConnectionGoesOn(bool messagePack)
    {
        await using var context = await GatewayContext.StartAsync();
        var good = await context.ConnectAuthenticatedAsync();
        await good.SendAsync(new { action = "subscribe", trades = new[] { "AAPL" } });
        await good.ExpectAsync("subscription");

        var wrong = await context.ConnectAsync(messagePack: messagePack);
        await wrong.ExpectAsync("success", "connected");
        await wrong.SendAsync(new { action = "auth", key = context.Key, secret = "not-the-secret" });
        var error = await wrong.ExpectErrorAsync(402);
        Assert.Equal("auth failed", error.GetProperty("msg").GetString());
        await wrong.Closed.WaitAsync(Bound);

        await good.ReadUntilAsync(m => m.GetProperty("T").GetString() == "t", count: 3);
        Assert.Single(context.Simulator.Counters.Connections, c => c.IsAuthenticated);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Subscribe_BeforeAuth_Gets401AndTheClientCanStillAuthenticate(bool messagePack)
    {
        await using var context = await GatewayContext.StartAsync();
        var client = await context.ConnectAsync(messagePack: messagePack);
        await client.ExpectAsync("success", "connected");

        await client.SendAsync(new { action = "subscribe", trades = new[] { "AAPL" } });
        Assert.Equal("not authenticated", (await client.ExpectErrorAsync(401)).GetProperty("msg").GetString());

        await client.SendAsync(new { action = "auth", key = context.Key, secret = context.Secret });
        await client.ExpectAsync("success", "authenticated");
        await client.SendAsync(new { action = "subscribe", trades = new[] { "AAPL" } });
        await client.ExpectAsync("subscription");
        await client.ReadUntilAsync(m => m.GetProperty("T").GetString() == "t");
    }

    [Fact]
    public async Task Auth_Twice_Gets403AndStaysAuthenticated()
    {
        await using var context = await GatewayContext.StartAsync();
        var client = await context.ConnectAuthenticatedAsync();

        await client.SendAsync(new { action = "auth", key = context.Key, secret = context.Secret });
        Assert.Equal("already authenticated", (await client.ExpectErrorAsync(403)).GetProperty("msg").GetString());

        await client.SendAsync(new { action = "subscribe", quotes = new[] { "MSFT" } });
        await client.ExpectAsync("subscription");
        await client.ReadUntilAsync(m => m.GetProperty("T").GetString() == "q");
    }

    [Fact]
    public async Task Connect_NoAuthInTime_Gets404AndIsClosed()
    {
        await using var context = await GatewayContext.StartAsync(gateway: options => options with { AuthTimeout = TimeSpan.FromMilliseconds(300) });
        var client = await context.ConnectAsync();
        await client.ExpectAsync("success", "connected");

        Assert.Equal("auth timeout", (await client.ExpectErrorAsync(404)).GetProperty("msg").GetString());
        await client.Closed.WaitAsync(Bound);
        Assert.Equal(0, context.Simulator.Counters.ConnectionsSeen);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Message_Malformed_Gets400AndTheConnectionStaysUsable(bool messagePack)
    {
        await using var context = await GatewayContext.StartAsync();
        var client = await context.ConnectAuthenticatedAsync(messagePack: messagePack);

        // Not a message at all, then two messages in one frame (Alpaca takes one object per frame).
        await client.SendRawAsync(messagePack ? [0xc1, 0xc1, 0xc1] : "{\"action\":"u8.ToArray(), messagePack ? System.Net.WebSockets.WebSocketMessageType.Binary : System.Net.WebSockets.WebSocketMessageType.Text);
        Assert.Equal("invalid syntax", (await client.ExpectErrorAsync(400)).GetProperty("msg").GetString());
        await client.SendJsonAsync("""[{"action":"subscribe","trades":["AAPL"]},{"action":"subscribe","quotes":["AAPL"]}]""");
        await client.ExpectErrorAsync(400);

        await client.SendAsync(new { action = "subscribe", trades = new[] { "AAPL" } });
        var reply = await client.ExpectAsync("subscription");
        Assert.Equal(["AAPL"], reply.GetProperty("trades").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(reply.GetProperty("quotes").EnumerateArray());
    }

    [Fact]
    public async Task Subscribe_PastTheSymbolLimit_Gets405OnlyForTheRequesterWhoseSetStaysAsItWas()
    {
        await using var context = await GatewayContext.StartAsync(simulator: options => options with { SymbolLimit = 3 });
        var first = await context.ConnectAuthenticatedAsync();
        await first.SendAsync(new { action = "subscribe", trades = new[] { "AAPL", "MSFT" } });
        await first.ExpectAsync("subscription");

        var second = await context.ConnectAuthenticatedAsync();
        await second.SendAsync(new { action = "subscribe", quotes = new[] { "NVDA", "TSLA" } });
        Assert.Equal("symbol limit exceeded", (await second.ExpectErrorAsync(405)).GetProperty("msg").GetString());

        // The refused request left nothing behind: a request within the limit succeeds and lists only itself.
        await second.SendAsync(new { action = "subscribe", quotes = new[] { "NVDA" } });
        var reply = await second.ExpectAsync("subscription");
        Assert.Equal(["NVDA"], reply.GetProperty("quotes").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(reply.GetProperty("trades").EnumerateArray());
        await first.ReadUntilAsync(m => m.GetProperty("T").GetString() == "t", count: 3);
        await context.WaitUntilAsync(
            _ => context.Simulator.Counters.Connections.Single().Subscriptions.TryGetValue("quotes", out var quotes) && quotes.SequenceEqual(["NVDA"]),
            "NVDA quotes upstream, TSLA never");
    }

    [Fact]
    public async Task Auth_FeedOutsideThePlan_Gets409()
    {
        var ieXOnly = AlpacaKeyPair.Default with { Feeds = new HashSet<AlpacaSimulatorFeed> { AlpacaSimulatorFeed.Iex } };
        await using var context = await GatewayContext.StartAsync(simulator: options => options with { KeyPairs = [ieXOnly] });
        var client = await context.ConnectAsync("v2/sip");
        await client.ExpectAsync("success", "connected");

        await client.SendAsync(new { action = "auth", key = context.Key, secret = context.Secret });
        Assert.Equal("insufficient subscription", (await client.ExpectErrorAsync(409)).GetProperty("msg").GetString());
        await client.Closed.WaitAsync(Bound);

        // The same key on its own feed is fine.
        var iex = await context.ConnectAuthenticatedAsync("v2/iex");
        await iex.SendAsync(new { action = "subscribe", bars = new[] { "AAPL" } });
        await iex.ExpectAsync("subscription");
    }

    [Fact]
    public async Task Subscribe_ChannelThisFeedDoesNotOffer_Gets410ButNullAndEmptyListsAreIgnored()
    {
        await using var context = await GatewayContext.StartAsync();
        var client = await context.ConnectAuthenticatedAsync();

        await client.SendAsync(new { action = "subscribe", orderbooks = new[] { "AAPL" } });
        Assert.Equal(410, (await client.ExpectAsync("error")).GetProperty("code").GetInt32());

        // The Go SDK sends every channel key, unused ones null or empty, including ones the endpoint does not serve.
        await client.SendJsonAsync("""{"action":"subscribe","trades":["AAPL"],"quotes":[],"orderbooks":null,"news":null}""");
        var reply = await client.ExpectAsync("subscription");
        Assert.Equal(["AAPL"], reply.GetProperty("trades").EnumerateArray().Select(e => e.GetString()));
        Assert.False(reply.TryGetProperty("orderbooks", out _), reply.ToString());
    }

    [Fact]
    public async Task Connect_JsonOnAnOptionsFeed_Gets412InJsonAndIsClosed()
    {
        await using var context = await GatewayContext.StartAsync();
        var client = await context.ConnectAsync("v1beta1/indicative", messagePack: false);

        var error = await client.ExpectErrorAsync(412);
        Assert.Equal("option messages are only available in MsgPack format", error.GetProperty("msg").GetString());
        await client.Closed.WaitAsync(Bound);
        Assert.Equal(0, context.Simulator.Counters.ConnectionsSeen);
    }

    [Fact]
    public async Task Subscribe_StarQuotesOnOptions_Gets413AndStarTradesAreAllowed()
    {
        await using var context = await GatewayContext.StartAsync();
        var client = await context.ConnectAuthenticatedAsync("v1beta1/indicative");

        await client.SendAsync(new { action = "subscribe", quotes = new[] { "*" } });
        Assert.Equal(413, (await client.ExpectAsync("error")).GetProperty("code").GetInt32());

        await client.SendAsync(new { action = "subscribe", trades = new[] { "*" } });
        var reply = await client.ExpectAsync("subscription");
        Assert.Equal(["*"], reply.GetProperty("trades").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(reply.GetProperty("quotes").EnumerateArray());
    }
}
