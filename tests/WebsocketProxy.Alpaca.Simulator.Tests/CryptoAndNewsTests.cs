using System.Globalization;
using System.Text.Json;
using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

public sealed class CryptoAndNewsTests
{
    [Fact]
    public async Task Crypto_TradesAndQuotes_HaveCryptoShapes()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(Messages.FastMarket);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Crypto);
        await client.SendAsync("""{"action":"subscribe","trades":["BTC/USD"],"quotes":["BTC/USD"]}""");
        var reply = await client.ReceiveSingleAsync();
        Assert.Equal(["BTC/USD"], reply.Strings("trades"));
        Assert.Empty(reply.Strings("orderbooks"));
        Assert.False(reply.TryGetProperty("corrections", out _));

        var trade = await client.ReceiveUntilAsync(m => m.Type() == "t");
        Assert.Equal("BTC/USD", trade.Symbol());
        Assert.Contains(trade.GetProperty("tks").GetString(), new[] { "B", "S" });
        Assert.True(trade.GetProperty("s").GetDouble() > 0);
        Assert.True(trade.GetProperty("i").TryGetInt64(out _));
        StockDataTests.AssertNanosecondTimestamp(trade.GetProperty("t").GetString()!);

        var quote = await client.ReceiveUntilAsync(m => m.Type() == "q");
        Assert.Equal(["T", "S", "bp", "bs", "ap", "as", "t"], quote.EnumerateObject().Select(p => p.Name));
        Assert.True(quote.GetProperty("ap").GetDouble() > quote.GetProperty("bp").GetDouble());
    }

    [Fact]
    public async Task OrderBooks_FirstAResetThenDeltas()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(Messages.FastMarket);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Crypto);
        await client.SendAsync("""{"action":"subscribe","orderbooks":["ETH/USD"]}""");
        await client.ReceiveSingleAsync();

        var reset = await client.ReceiveUntilAsync(m => m.Type() == "o");
        Assert.True(reset.GetProperty("r").GetBoolean());
        var bids = reset.GetProperty("b").EnumerateArray().Select(l => l.GetProperty("p").GetDouble()).ToList();
        var asks = reset.GetProperty("a").EnumerateArray().Select(l => l.GetProperty("p").GetDouble()).ToList();
        Assert.Equal(10, bids.Count);
        Assert.Equal(10, asks.Count);
        Assert.True(bids.Max() < asks.Min());
        Assert.Equal(bids.OrderDescending(), bids);

        for (var i = 0; i < 5; i++)
        {
            var delta = await client.ReceiveUntilAsync(m => m.Type() == "o");
            Assert.False(delta.GetProperty("r").GetBoolean());
            Assert.Equal("ETH/USD", delta.Symbol());
        }
    }

    [Fact]
    public async Task OrderBooks_ResubscribeAfterUnsubscribe_GetsANewReset()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(Messages.FastMarket);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Crypto);
        await client.SendAsync("""{"action":"subscribe","orderbooks":["BTC/USD"]}""");
        await client.ReceiveUntilAsync(m => m.Type() == "o" && m.GetProperty("r").GetBoolean());
        await client.SendAsync("""{"action":"unsubscribe","orderbooks":["BTC/USD"]}""");
        await client.ReceiveUntilAsync(m => m.Type() == "subscription");
        await client.SendAsync("""{"action":"subscribe","orderbooks":["BTC/USD"]}""");
        await client.ReceiveUntilAsync(m => m.Type() == "subscription");
        var first = await client.ReceiveUntilAsync(m => m.Type() == "o");
        Assert.True(first.GetProperty("r").GetBoolean());
    }

    [Fact]
    public async Task Crypto_Bars_HaveFractionalVolume()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(Messages.FastMarket);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Crypto);
        await client.SendAsync("""{"action":"subscribe","bars":["*"]}""");
        await client.ReceiveSingleAsync();
        var bar = await client.ReceiveUntilAsync(m => m.Type() == "b");
        Assert.Contains(bar.Symbol(), sim.Options.CryptoUniverse);
        Assert.True(bar.GetProperty("v").GetDouble() > 0);
        Assert.True(bar.GetProperty("vw").GetDouble() > 0);
    }

    [Fact]
    public async Task News_Star_ArticlesWithSeveralSymbols()
    {
        var options = Messages.FastMarket with { NewsInterval = TimeSpan.FromSeconds(5) };
        await using var sim = await AlpacaMarketSimulator.StartAsync(options);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.News);
        await client.SendAsync("""{"action":"subscribe","news":["*"]}""");
        Assert.Equal(["*"], (await client.ReceiveSingleAsync()).Strings("news"));
        var article = await client.ReceiveUntilAsync(m => m.Type() == "n" && m.GetProperty("symbols").GetArrayLength() > 1);
        Assert.True(article.GetProperty("id").TryGetInt64(out _));
        foreach (var key in new[] { "headline", "summary", "author", "content", "source", "url" })
        {
            Assert.Equal(JsonValueKind.String, article.GetProperty(key).ValueKind);
        }

        Assert.False(article.TryGetProperty("S", out _));
        var created = DateTimeOffset.Parse(article.GetProperty("created_at").GetString()!, CultureInfo.InvariantCulture);
        var updated = DateTimeOffset.Parse(article.GetProperty("updated_at").GetString()!, CultureInfo.InvariantCulture);
        Assert.True(updated >= created);
    }

    [Fact]
    public async Task News_OneSymbol_OnlyArticlesNamingIt()
    {
        var options = Messages.FastMarket with { NewsInterval = TimeSpan.FromSeconds(5) };
        await using var sim = await AlpacaMarketSimulator.StartAsync(options);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.News);
        await client.SendAsync("""{"action":"subscribe","news":["AAPL"]}""");
        await client.ReceiveSingleAsync();
        var seen = new List<JsonElement>();
        await client.ReceiveUntilAsync(m => seen.Count >= 3, seen);
        Assert.All(seen, m => Assert.Contains("AAPL", m.Strings("symbols")));
    }
}
