using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

public sealed class FeedTests
{
    [Theory]
    [InlineData(AlpacaSimulatorFeed.Boats, "/v1beta1/boats")]
    [InlineData(AlpacaSimulatorFeed.Overnight, "/v1beta1/overnight")]
    [InlineData(AlpacaSimulatorFeed.Crypto, "/v1beta3/crypto/us")]
    [InlineData(AlpacaSimulatorFeed.CryptoUs1, "/v1beta3/crypto/us-1")]
    [InlineData(AlpacaSimulatorFeed.CryptoEu1, "/v1beta3/crypto/eu-1")]
    public async Task GetUri_NewFeeds_AtTheRealServicePaths(AlpacaSimulatorFeed feed, string path)
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        Assert.Equal(path, sim.GetUri(feed).AbsolutePath);
    }

    [Theory]
    [InlineData(AlpacaSimulatorFeed.Boats, "AAPL")]
    [InlineData(AlpacaSimulatorFeed.Overnight, "AAPL")]
    [InlineData(AlpacaSimulatorFeed.CryptoUs1, "BTC/USD")]
    [InlineData(AlpacaSimulatorFeed.CryptoEu1, "ETH/USD")]
    public async Task Subscribe_NewFeeds_ServeTrades(AlpacaSimulatorFeed feed, string symbol)
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(Messages.FastMarket);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, feed);
        await client.SendAsync($$"""{"action":"subscribe","trades":["{{symbol}}"]}""");
        Assert.Equal([symbol], (await client.ReceiveSingleAsync()).Strings("trades"));
        Assert.Equal(symbol, (await client.ReceiveUntilAsync(m => m.Type() == "t")).Symbol());
    }

    [Fact]
    public async Task Subscribe_CryptoLocation_OffersOrderBooksButNotStockChannels()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.CryptoEu1);
        await client.SendAsync("""{"action":"subscribe","orderbooks":["BTC/USD"]}""");
        Assert.Equal(["BTC/USD"], (await client.ReceiveSingleAsync()).Strings("orderbooks"));
        await client.SendAsync("""{"action":"subscribe","statuses":["BTC/USD"]}""");
        Assert.True((await client.ReceiveSingleAsync()).IsError(410));
    }

    [Fact]
    public async Task Authenticate_SameKeyOnTwoCryptoLocations_BothAccepted()
    {
        // The connection limit counts per endpoint: each location is its own endpoint.
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var us = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Crypto);
        await using var eu = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.CryptoEu1);
        Assert.Equal(2, sim.Counters.ConnectionsCurrent);
    }
}
