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

        var trades = stocks.Trades("AAPL").TakeAsync(1);
        var corrections = stocks.Corrections("AAPL").TakeAsync(1);
        var cancels = stocks.CancelErrors("AAPL").TakeAsync(1);

        Assert.Equal("AAPL", Assert.Single(await trades).Symbol);
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
