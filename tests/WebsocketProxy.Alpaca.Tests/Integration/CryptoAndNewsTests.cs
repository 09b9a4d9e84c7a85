using WebsocketProxy.Alpaca.Simulator;

namespace WebsocketProxy.Alpaca.Tests.Integration;

/// <summary>The crypto and news streams through the real proxy against the real simulator.</summary>
public sealed class CryptoAndNewsTests
{
    [Fact]
    public async Task ConnectCrypto_TradesAndQuotesOfOnePair_ArriveTyped()
    {
        await using var context = await IntegrationContext.StartAsync();
        await using var proxy = await AlpacaProxy.ConnectAsync(context.Credentials, context.Options("crypto") with { OpenStocksOnConnect = false });
        var crypto = proxy.Crypto;

        var trades = crypto.Trades("BTC/USD").TakeAsync(2);
        var quotes = crypto.Quotes(["ETH/USD"]).TakeAsync(2);

        Assert.All(await trades, t => Assert.Equal("BTC/USD", t.Symbol));
        Assert.All(await quotes, q => Assert.Equal("ETH/USD", q.Symbol));
        Assert.EndsWith("/v1beta3/crypto/us", crypto.Connection!.Url.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectCrypto_KrakenEuVenue_StreamsFromItsPath()
    {
        await using var context = await IntegrationContext.StartAsync();
        await using var proxy = await AlpacaProxy.ConnectAsync(context.Credentials, context.Options("crypto-eu") with { OpenStocksOnConnect = false, CryptoLocation = AlpacaCryptoLocation.Eu1 });
        var crypto = proxy.Crypto;

        var trades = await crypto.Trades("BTC/USD").TakeAsync(2);

        Assert.All(trades, t => Assert.Equal("BTC/USD", t.Symbol));
        Assert.EndsWith("/v1beta3/crypto/eu-1", crypto.Connection!.Url.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectNews_EveryArticle_ArrivesTyped()
    {
        await using var context = await IntegrationContext.StartAsync(AlpacaSimulatorOptions.Default with { NewsInterval = TimeSpan.FromMilliseconds(100) });
        await using var proxy = await AlpacaProxy.ConnectAsync(context.Credentials, context.Options("news") with { OpenStocksOnConnect = false });
        var news = proxy.News;

        var articles = await news.Articles().TakeAsync(2);

        Assert.All(articles, a => Assert.False(string.IsNullOrEmpty(a.Headline)));
        await context.WaitUntilAsync(_ => context.Received().Count("""{"action":"subscribe","news":["*"]}""") == 1, "one news subscription");
    }
}
