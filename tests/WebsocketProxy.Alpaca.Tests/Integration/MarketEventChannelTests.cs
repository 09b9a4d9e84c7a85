using WebsocketProxy.Alpaca.Simulator;

namespace WebsocketProxy.Alpaca.Tests.Integration;

/// <summary>
/// The channels that carry market events rather than prices (trading statuses, limit-up/limit-down bands, order
/// imbalances) and the crypto order books, typed, through the real proxy against the real simulator.
/// </summary>
public sealed class MarketEventChannelTests
{
    [Fact]
    public async Task StatusesLuldsAndImbalances_ArriveTypedForTheSubscribedSymbolOnly()
    {
        // Ten market minutes a second, a halt on every minute that is not a resumption: every event comes quickly.
        await using var context = await IntegrationContext.StartAsync(AlpacaSimulatorOptions.Default with { TimeScale = 600, HaltProbability = 1 });
        var stocks = await context.ConnectAsync("market-events");

        var statuses = stocks.Statuses("MSFT").TakeAsync(2);
        var lulds = stocks.Lulds("MSFT").TakeAsync(2);
        var imbalances = stocks.Imbalances("MSFT").TakeAsync(1);

        var halts = await statuses;
        Assert.All(halts, s => Assert.Equal("MSFT", s.Symbol));
        Assert.Equal(["H", "T"], halts.Select(s => s.StatusCode).Order(StringComparer.Ordinal));
        Assert.Contains(halts, s => s is { StatusMessage: "Trading Halt", ReasonCode: "LUDP" });
        Assert.All(halts, s => Assert.False(string.IsNullOrEmpty(s.Tape)));

        Assert.All(await lulds, l =>
        {
            Assert.Equal("MSFT", l.Symbol);
            Assert.True(l.LimitDownPrice > 0 && l.LimitUpPrice > l.LimitDownPrice, $"band {l.LimitDownPrice}..{l.LimitUpPrice}");
            Assert.NotEqual(default, l.Timestamp);
        });

        var imbalance = Assert.Single(await imbalances);
        Assert.Equal("MSFT", imbalance.Symbol);
        Assert.True(imbalance.Price > 0);

        // One upstream subscription per channel, all from the one client.
        var received = context.Received();
        Assert.Equal(1, received.Count("""{"action":"subscribe","statuses":["MSFT"]}"""));
        Assert.Equal(1, received.Count("""{"action":"subscribe","lulds":["MSFT"]}"""));
        Assert.Equal(1, received.Count("""{"action":"subscribe","imbalances":["MSFT"]}"""));
    }

    [Fact]
    public async Task CryptoOrderBooks_ASnapshotThenUpdates()
    {
        await using var context = await IntegrationContext.StartAsync();
        await using var proxy = await AlpacaProxy.ConnectAsync(context.Credentials, context.Options("orderbooks") with { OpenStocksOnConnect = false });
        var crypto = proxy.Crypto;

        var books = await crypto.OrderBooks("BTC/USD").TakeAsync(3);

        Assert.All(books, b => Assert.Equal("BTC/USD", b.Symbol));
        var snapshot = books[0];
        Assert.True(snapshot.IsReset, "the first book a subscriber sees is a full snapshot");
        Assert.NotEmpty(snapshot.Bids);
        Assert.NotEmpty(snapshot.Asks);
        Assert.True(snapshot.Bids.Max(l => l.Price) < snapshot.Asks.Min(l => l.Price), "the snapshot's book is crossed");
        Assert.All(books.Skip(1), b => Assert.False(b.IsReset));
    }
}
