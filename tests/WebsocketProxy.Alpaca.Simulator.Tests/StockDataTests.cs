using System.Globalization;
using System.Text.Json;
using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

public sealed class StockDataTests
{
    [Fact]
    public async Task Subscribe_TradesAndQuotes_ReceivesBatchedMixedData()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(Messages.FastMarket);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await client.SendAsync("""{"action":"subscribe","trades":["AAPL","MSFT"],"quotes":["AAPL","MSFT"]}""");
        await client.ReceiveSingleAsync();

        var types = new HashSet<string>();
        var symbols = new HashSet<string>();
        var largestFrame = 0;
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        while (!types.Contains("t") || !types.Contains("q") || symbols.Count < 2 || largestFrame < 2)
        {
            cts.Token.ThrowIfCancellationRequested();
            var frame = await client.ReceiveFrameAsync();
            largestFrame = Math.Max(largestFrame, frame.Length);
            foreach (var message in frame)
            {
                types.Add(message.Type());
                symbols.Add(message.Symbol()!);
            }
        }

        Assert.Contains("t", types);
        Assert.Contains("q", types);
        Assert.Subset(new HashSet<string> { "t", "q", "c", "x" }, types);
        Assert.Equal(["AAPL", "MSFT"], symbols.Order());
    }

    [Fact]
    public async Task Trade_Fields_HaveProtocolTypesAndNanosecondTimestamp()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(Messages.FastMarket);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Sip);
        await client.SendAsync("""{"action":"subscribe","trades":["AAPL"],"quotes":["AAPL"]}""");
        await client.ReceiveSingleAsync();
        var trade = await client.ReceiveUntilAsync(m => m.Type() == "t");
        Assert.Equal("AAPL", trade.Symbol());
        Assert.Equal(JsonValueKind.Number, trade.GetProperty("i").ValueKind);
        Assert.True(trade.GetProperty("i").TryGetInt64(out _));
        Assert.Equal(JsonValueKind.String, trade.GetProperty("x").ValueKind);
        Assert.True(trade.GetProperty("p").GetDouble() > 0);
        Assert.True(trade.GetProperty("s").TryGetInt64(out _));
        Assert.Equal(JsonValueKind.Array, trade.GetProperty("c").ValueKind);
        Assert.Equal(JsonValueKind.String, trade.GetProperty("z").ValueKind);
        AssertNanosecondTimestamp(trade.GetProperty("t").GetString()!);

        var quote = await client.ReceiveUntilAsync(m => m.Type() == "q");
        Assert.True(quote.GetProperty("ap").GetDouble() > quote.GetProperty("bp").GetDouble());
        Assert.True(quote.GetProperty("bs").TryGetInt64(out _));
        Assert.Equal(JsonValueKind.String, quote.GetProperty("bx").ValueKind);
        AssertNanosecondTimestamp(quote.GetProperty("t").GetString()!);
    }

    [Fact]
    public async Task Bars_AtMinuteMarks_AgreeWithTheTradesSent()
    {
        var options = Messages.FastMarket with { TradesPerSecond = 1, LateTradeProbability = 0, HaltProbability = 0 };
        await using var sim = await AlpacaMarketSimulator.StartAsync(options);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await client.SendAsync("""{"action":"subscribe","trades":["AAPL"],"bars":["AAPL"]}""");
        await client.ReceiveSingleAsync();

        // The first bar may cover trades sent before the subscription; the second covers only trades seen.
        var seen = new List<JsonElement>();
        var firstBar = await client.ReceiveUntilAsync(m => m.Type() == "b", seen);
        seen.Clear();
        var bar = await client.ReceiveUntilAsync(m => m.Type() == "b", seen);
        var barStart = DateTimeOffset.Parse(bar.GetProperty("t").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromMinutes(1), barStart - DateTimeOffset.Parse(firstBar.GetProperty("t").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(0, barStart.Second);
        Assert.EndsWith(":00Z", bar.GetProperty("t").GetString(), StringComparison.Ordinal);

        var trades = seen.Where(m => m.Type() == "t").ToList();
        Assert.NotEmpty(trades);
        Assert.All(trades, t => Assert.InRange(DateTimeOffset.Parse(t.GetProperty("t").GetString()!, CultureInfo.InvariantCulture), barStart, barStart.AddMinutes(1)));
        var prices = trades.Select(t => t.GetProperty("p").GetDouble()).ToList();
        var sizes = trades.Select(t => t.GetProperty("s").GetInt64()).ToList();
        Assert.Equal(prices[0], bar.GetProperty("o").GetDouble());
        Assert.Equal(prices.Max(), bar.GetProperty("h").GetDouble());
        Assert.Equal(prices.Min(), bar.GetProperty("l").GetDouble());
        Assert.Equal(prices[^1], bar.GetProperty("c").GetDouble());
        Assert.Equal(sizes.Sum(), bar.GetProperty("v").GetInt64());
        Assert.Equal(trades.Count, bar.GetProperty("n").GetInt32());
        var vwap = prices.Zip(sizes, (p, s) => p * s).Sum() / sizes.Sum();
        Assert.Equal(vwap, bar.GetProperty("vw").GetDouble(), 6);
    }

    internal static void AssertNanosecondTimestamp(string text)
    {
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$", text);
        Assert.True(DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _));
    }
}
