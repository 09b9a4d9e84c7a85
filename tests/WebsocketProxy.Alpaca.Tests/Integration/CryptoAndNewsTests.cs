using WebsocketProxy.Alpaca.Simulator;
using WebsocketProxy.Alpaca.Streams;

namespace WebsocketProxy.Alpaca.Tests.Integration;

/// <summary>The crypto and news streams through the real proxy against the real simulator.</summary>
public sealed class CryptoAndNewsTests
{
    [Fact]
    public async Task ConnectCrypto_TradesAndQuotesOfOnePair_ArriveTyped()
    {
        await using var context = await IntegrationContext.StartAsync();
        await using var crypto = await AlpacaStreams.ConnectCryptoAsync(context.Credentials, context.Options("crypto"));

        var trades = crypto.Trades("BTC/USD").TakeAsync(2);
        var quotes = crypto.Quotes(["ETH/USD"]).TakeAsync(2);

        Assert.All(await trades, t => Assert.Equal("BTC/USD", t.Symbol));
        Assert.All(await quotes, q => Assert.Equal("ETH/USD", q.Symbol));
        Assert.EndsWith("/v1beta3/crypto/us", crypto.Connection.Url.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectCrypto_KrakenEuVenue_StreamsFromItsPath()
    {
        await using var context = await IntegrationContext.StartAsync();
        await using var crypto = await AlpacaStreams.ConnectCryptoAsync(context.Credentials, context.Options("crypto-eu") with { CryptoLocation = AlpacaCryptoLocation.Eu1 });

        var trades = await crypto.Trades("BTC/USD").TakeAsync(2);

        Assert.All(trades, t => Assert.Equal("BTC/USD", t.Symbol));
        Assert.EndsWith("/v1beta3/crypto/eu-1", crypto.Connection.Url.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectNews_EveryArticle_ArrivesTyped()
    {
        await using var context = await IntegrationContext.StartAsync(AlpacaSimulatorOptions.Default with { NewsInterval = TimeSpan.FromMilliseconds(100) });
        await using var news = await AlpacaStreams.ConnectNewsAsync(context.Credentials, context.Options("news"));

        var articles = await news.News().TakeAsync(2);

        Assert.All(articles, a => Assert.False(string.IsNullOrEmpty(a.Headline)));
        await context.WaitUntilAsync(_ => context.Received().Count("""{"action":"subscribe","news":["*"]}""") == 1, "one news subscription");
    }
}
