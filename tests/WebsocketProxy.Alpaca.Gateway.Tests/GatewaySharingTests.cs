using System.Text.Json;
using WebsocketProxy.Alpaca.Simulator;

namespace WebsocketProxy.Alpaca.Gateway.Tests;

public sealed class GatewaySharingTests
{
    private static string[] Names(JsonElement reply, string channel) => [.. reply.GetProperty(channel).EnumerateArray().Select(e => e.GetString()!)];

    private static string Type(JsonElement message) => message.GetProperty("T").GetString()!;

    [Fact]
    public async Task Subscribe_ThreeClientsOneAccount_OneUpstreamConnectionEachGetsOwnReplyAndData()
    {
        await using var context = await GatewayContext.StartAsync();
        var trades = await context.ConnectAuthenticatedAsync();
        var quotes = await context.ConnectAuthenticatedAsync(messagePack: false);
        var bars = await context.ConnectAuthenticatedAsync();

        await trades.SendAsync(new { action = "subscribe", trades = new[] { "AAPL" } });
        await quotes.SendAsync(new { action = "subscribe", quotes = new[] { "MSFT", "NVDA" } });
        await bars.SendAsync(new { action = "subscribe", bars = new[] { "*" }, trades = new[] { "MSFT" } });

        var tradesReply = await trades.ExpectAsync("subscription");
        var quotesReply = await quotes.ExpectAsync("subscription");
        var barsReply = await bars.ExpectAsync("subscription");
        Assert.Equal(["AAPL"], Names(tradesReply, "trades"));
        Assert.Empty(Names(tradesReply, "quotes"));
        Assert.Empty(Names(tradesReply, "bars"));
        Assert.Equal(["MSFT", "NVDA"], Names(quotesReply, "quotes"));
        Assert.Empty(Names(quotesReply, "trades"));
        Assert.Equal(["*"], Names(barsReply, "bars"));
        Assert.Equal(["MSFT"], Names(barsReply, "trades"));
        Assert.Equal(["MSFT"], Names(barsReply, "cancelErrors"));

        var tradesRead = await trades.ReadUntilAsync(m => Type(m) == "t", count: 3);
        var quotesRead = await quotes.ReadUntilAsync(m => Type(m) == "q" && m.GetProperty("S").GetString() == "NVDA", count: 2);
        var barsRead = await bars.ReadUntilAsync(m => Type(m) == "b", count: 2);
        Assert.All(tradesRead, m => Assert.True(Type(m) is "t" or "c" or "x" && m.GetProperty("S").GetString() == "AAPL", m.ToString()));
        Assert.All(quotesRead, m => Assert.True(Type(m) == "q" && m.GetProperty("S").GetString() is "MSFT" or "NVDA", m.ToString()));
        Assert.All(barsRead, m => Assert.True(Type(m) == "b" || (Type(m) is "t" or "c" or "x" && m.GetProperty("S").GetString() == "MSFT"), m.ToString()));

        // One upstream connection for the three, holding the union of their subscriptions.
        Assert.Equal(1, context.Simulator.Counters.ConnectionsSeen);
        Assert.Equal(1, context.Gateway.UpstreamCount);
        var received = string.Join(" | ", context.Simulator.Counters.Connections[0].ReceivedMessages);
        Assert.Contains("AAPL", received, StringComparison.Ordinal);
        Assert.Contains("NVDA", received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_SecondClientSameSymbol_NothingSentUpstreamAndBothGetIt()
    {
        await using var context = await GatewayContext.StartAsync();
        var first = await context.ConnectAuthenticatedAsync();
        var second = await context.ConnectAuthenticatedAsync();
        await first.SendAsync(new { action = "subscribe", trades = new[] { "AAPL" } });
        await first.ExpectAsync("subscription");
        var upstreamBefore = context.Simulator.Counters.Connections[0].ReceivedMessages.Count;

        await second.SendAsync(new { action = "subscribe", trades = new[] { "AAPL" } });

        Assert.Equal(["AAPL"], Names(await second.ExpectAsync("subscription"), "trades"));
        await first.ReadUntilAsync(m => Type(m) == "t", count: 2);
        await second.ReadUntilAsync(m => Type(m) == "t", count: 2);
        Assert.Equal(upstreamBefore, context.Simulator.Counters.Connections[0].ReceivedMessages.Count);
    }

    [Fact]
    public async Task Unsubscribe_OneOfTwoHolders_OtherKeepsDataAndUpstreamKeepsSymbol()
    {
        await using var context = await GatewayContext.StartAsync();
        var first = await context.ConnectAuthenticatedAsync();
        var second = await context.ConnectAuthenticatedAsync();
        await first.SendAsync(new { action = "subscribe", trades = new[] { "AAPL", "MSFT" } });
        await first.ExpectAsync("subscription");
        await second.SendAsync(new { action = "subscribe", trades = new[] { "AAPL" } });
        await second.ExpectAsync("subscription");

        await first.SendAsync(new { action = "unsubscribe", trades = new[] { "AAPL" } });

        Assert.Equal(["MSFT"], Names(await first.ExpectAsync("subscription"), "trades"));
        await second.ReadUntilAsync(m => Type(m) == "t" && m.GetProperty("S").GetString() == "AAPL", count: 2);
        var afterReply = await first.ReadUntilAsync(m => Type(m) == "t", count: 3);
        Assert.All(afterReply, m => Assert.Equal("MSFT", m.GetProperty("S").GetString()));

        // MSFT went upstream for the first client alone; AAPL is still held by the second, so only MSFT may ever be unsubscribed.
        var received = context.Simulator.Counters.Connections[0].ReceivedMessages;
        Assert.DoesNotContain(received, m => m.Contains("unsubscribe", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disconnect_LastHolder_ReleasesSubscriptionsThenUpstream()
    {
        await using var context = await GatewayContext.StartAsync();
        var first = await context.ConnectAuthenticatedAsync();
        var second = await context.ConnectAuthenticatedAsync();
        await first.SendAsync(new { action = "subscribe", trades = new[] { "AAPL" }, quotes = new[] { "SPY" } });
        await first.ExpectAsync("subscription");
        await second.SendAsync(new { action = "subscribe", trades = new[] { "AAPL" } });
        await second.ExpectAsync("subscription");

        await first.DisposeAsync();

        // SPY was the first client's alone: released; AAPL is still the second's.
        await context.WaitUntilAsync(
            c => c.Connections[0].ReceivedMessages.Any(m => m.Contains("unsubscribe", StringComparison.Ordinal) && m.Contains("SPY", StringComparison.Ordinal)),
            "SPY quotes unsubscribed after the first client left");
        Assert.DoesNotContain(context.Simulator.Counters.Connections[0].ReceivedMessages, m => m.Contains("unsubscribe", StringComparison.Ordinal) && m.Contains("AAPL", StringComparison.Ordinal));
        await second.ReadUntilAsync(m => Type(m) == "t", count: 2);

        await second.DisposeAsync();

        await context.WaitUntilAsync(c => c.ConnectionsCurrent == 0, "the upstream connection closed after the last client left");
        Assert.Equal(0, context.Gateway.UpstreamCount);
    }

    [Fact]
    public async Task Auth_WrongSecret_Gets402FromUpstreamClosedAndNeverOthersData()
    {
        await using var context = await GatewayContext.StartAsync();
        var good = await context.ConnectAuthenticatedAsync();
        await good.SendAsync(new { action = "subscribe", trades = new[] { "*" } });
        await good.ExpectAsync("subscription");
        var bad = await context.ConnectAsync();
        await bad.ExpectAsync("success", "connected");

        await bad.SendAsync(new { action = "auth", key = context.Key, secret = "wrong-secret" });

        var error = await bad.ExpectErrorAsync(402);
        Assert.Equal("auth failed", error.GetProperty("msg").GetString());
        await bad.Closed.WaitAsync(RawClient.Timeout);
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, bad.CloseStatus);
        Assert.DoesNotContain(bad.Frames, f => f.Bytes.Length > 200);

        // Its own upstream connection got Alpaca's answer: the good client's session was never used for it.
        Assert.True(context.Simulator.Counters.ConnectionsSeen >= 2);
        await good.ReadUntilAsync(m => Type(m) == "t", count: 3);
        Assert.Equal(1, context.Gateway.UpstreamCount);
    }

    [Fact]
    public async Task Auth_HeaderCredentials_AuthenticatedWithoutMessage()
    {
        await using var context = await GatewayContext.StartAsync();
        var client = await context.ConnectAsync(headers: new Dictionary<string, string>
        {
            ["APCA-API-KEY-ID"] = context.Key,
            ["APCA-API-SECRET-KEY"] = context.Secret,
        });

        await client.ExpectAsync("success", "connected");
        await client.ExpectAsync("success", "authenticated");
        await client.SendAsync(new { action = "subscribe", quotes = new[] { "AAPL" } });
        Assert.Equal(["AAPL"], Names(await client.ExpectAsync("subscription"), "quotes"));
    }

    [Fact]
    public async Task Auth_SentBeforeConnectedArrives_AnsweredAfterConnected()
    {
        // The JavaScript SDK sends its auth as soon as the socket opens.
        await using var context = await GatewayContext.StartAsync();
        var client = await context.ConnectAsync();
        await client.SendAsync(new { action = "auth", key = context.Key, secret = context.Secret });

        await client.ExpectAsync("success", "connected");
        await client.ExpectAsync("success", "authenticated");
    }

    [Fact]
    public async Task Subscribe_TwoEndpoints_OneUpstreamConnectionEach()
    {
        await using var context = await GatewayContext.StartAsync();
        var stocks = await context.ConnectAuthenticatedAsync("v2/iex");
        var crypto = await context.ConnectAuthenticatedAsync("v1beta3/crypto/us");

        await stocks.SendAsync(new { action = "subscribe", trades = new[] { "AAPL" } });
        await crypto.SendAsync(new { action = "subscribe", trades = new[] { "BTC/USD" } });

        Assert.Equal(["AAPL"], Names(await stocks.ExpectAsync("subscription"), "trades"));
        var cryptoReply = await crypto.ExpectAsync("subscription");
        Assert.Equal(["BTC/USD"], Names(cryptoReply, "trades"));
        Assert.False(cryptoReply.TryGetProperty("corrections", out _));
        Assert.True(cryptoReply.TryGetProperty("orderbooks", out _));
        var read = await crypto.ReadUntilAsync(m => Type(m) == "t", count: 2);
        Assert.All(read, m => Assert.Equal("BTC/USD", m.GetProperty("S").GetString()));
        Assert.Equal(2, context.Gateway.UpstreamCount);
        Assert.Equal(2, context.Simulator.Counters.ConnectionsSeen);
        Assert.Contains(context.Simulator.Counters.Connections, c => c.Feed == AlpacaSimulatorFeed.Crypto);
    }
}
