using WebsocketProxy.Alpaca.Simulator;

namespace WebsocketProxy.Alpaca.Tests.Integration;

/// <summary>Stock channels that share an upstream subscription, and the <c>*</c> form, through the real proxy.</summary>
public sealed class StockChannelTests
{
    [Fact]
    public async Task CorrectionsAndCancelErrors_RideOnTheTradesSubscription()
    {
        await using var context = await IntegrationContext.StartAsync(AlpacaSimulatorOptions.Default with
        {
            TradesPerSecond = 20,
            CorrectionProbability = 0.3,
            CancelErrorProbability = 0.3,
        });
        var stocks = await context.ConnectAsync("corrections");

        // The trades stream stays open while the other two join it: a stream that ended before the next one
        // subscribed would rightly release the subscription, and the next one would subscribe again (streams of
        // one connection subscribe one after another, each confirmed by the server).
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var trades = stocks.Trades("AAPL", timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await trades.MoveNextAsync());
        Assert.Equal("AAPL", trades.Current.Symbol);

        var corrections = stocks.Corrections("AAPL").TakeAsync(1);
        var cancels = stocks.CancelErrors("AAPL").TakeAsync(1);

        Assert.Equal("AAPL", Assert.Single(await corrections).Symbol);
        Assert.Equal("AAPL", Assert.Single(await cancels).Symbol);
        Assert.Equal(1, context.Received().Count("""{"action":"subscribe","trades":["AAPL"]}"""));
    }

    [Fact]
    public async Task AllQuotes_StarSubscription_DeliversSeveralSymbols()
    {
        await using var context = await IntegrationContext.StartAsync();
        var stocks = await context.ConnectAsync("star");

        var quotes = await stocks.AllQuotes().TakeAsync(200);

        Assert.True(quotes.Select(q => q.Symbol).Distinct().Count() > 1);
        Assert.Equal(1, context.Received().Count("""{"action":"subscribe","quotes":["*"]}"""));
    }
}
