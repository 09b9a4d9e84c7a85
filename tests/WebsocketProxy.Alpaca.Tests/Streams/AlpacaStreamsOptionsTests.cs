using WebsocketProxy.Alpaca.Streams;

namespace WebsocketProxy.Alpaca.Tests.Streams;

/// <summary>Where the typed streams connect, and which options are refused at once.</summary>
public sealed class AlpacaStreamsOptionsTests
{
    [Fact]
    public void ResolveUrl_Default_IsAlpacasProductionHost() =>
        Assert.Equal(new Uri("wss://stream.data.alpaca.markets/v2/sip"), AlpacaStreamsOptions.Default.ResolveUrl(AlpacaStreamKind.Stocks, AlpacaFeed.Sip));

    [Fact]
    public void ResolveUrl_BaseAddress_AppendsTheStreamPath() =>
        Assert.Equal(
            new Uri("ws://127.0.0.1:5000/v1beta3/crypto/us"),
            (AlpacaStreamsOptions.Default with { BaseAddress = new Uri("ws://127.0.0.1:5000") }).ResolveUrl(AlpacaStreamKind.Crypto, AlpacaFeed.Iex));

    [Fact]
    public void ResolveUrl_ExplicitUrl_WinsOverEverythingElse()
    {
        var options = AlpacaStreamsOptions.Default with { BaseAddress = new Uri("ws://127.0.0.1:5000/"), Url = new Uri("ws://10.0.0.1:9/custom") };

        Assert.Equal(new Uri("ws://10.0.0.1:9/custom"), options.ResolveUrl(AlpacaStreamKind.News, AlpacaFeed.Iex));
    }

    [Fact]
    public async Task ConnectStocks_InvalidBackoff_ThrowsBeforeStartingAnything()
    {
        var options = AlpacaStreamsOptions.Default with { ReconnectInitialBackoff = TimeSpan.FromSeconds(5), ReconnectMaxBackoff = TimeSpan.FromSeconds(1) };

        await Assert.ThrowsAsync<ArgumentException>(() => AlpacaStreams.ConnectStocksAsync(new AlpacaCredentials("key", "secret"), AlpacaFeed.Iex, options));
    }

    [Theory]
    [InlineData("ConnectionLimitRetryWindow", -1, 10, 10, 0)]
    [InlineData("KeepAliveTimeout", 180, -1, 10, 0)]
    [InlineData("KeepAliveTimeout", 180, 0, 10, 0)]
    [InlineData("StaleDataTimeout", 180, 10, 10, -1)]
    public async Task ConnectStocks_InvalidResilienceOption_ThrowsNamingIt(string name, int windowS, int intervalS, int timeoutS, int staleS)
    {
        var options = AlpacaStreamsOptions.Default with
        {
            ConnectionLimitRetryWindow = TimeSpan.FromSeconds(windowS),
            KeepAliveInterval = TimeSpan.FromSeconds(intervalS),
            KeepAliveTimeout = TimeSpan.FromSeconds(timeoutS),
            StaleDataTimeout = TimeSpan.FromSeconds(staleS),
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => AlpacaStreams.ConnectStocksAsync(new AlpacaCredentials("key", "secret"), AlpacaFeed.Iex, options));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectStocks_NoCredentials_Throws() =>
        await Assert.ThrowsAsync<ArgumentNullException>(() => AlpacaStreams.ConnectStocksAsync(null!));

    [Theory]
    [InlineData(AlpacaCryptoLocation.Us, "wss://stream.data.alpaca.markets/v1beta3/crypto/us")]
    [InlineData(AlpacaCryptoLocation.Us1, "wss://stream.data.alpaca.markets/v1beta3/crypto/us-1")]
    [InlineData(AlpacaCryptoLocation.Eu1, "wss://stream.data.alpaca.markets/v1beta3/crypto/eu-1")]
    public void ResolveUrl_CryptoLocation_IsTheVenuesPath(AlpacaCryptoLocation location, string expected) =>
        Assert.Equal(new Uri(expected), (AlpacaStreamsOptions.Default with { CryptoLocation = location }).ResolveUrl(AlpacaStreamKind.Crypto, AlpacaFeed.Iex));

    [Fact]
    public void ResolveUrl_CryptoLocationUnderABaseAddress_KeepsTheVenueAndLeavesStocksAlone()
    {
        var options = AlpacaStreamsOptions.Default with { BaseAddress = new Uri("ws://127.0.0.1:5000"), CryptoLocation = AlpacaCryptoLocation.Eu1 };

        Assert.Equal(new Uri("ws://127.0.0.1:5000/v1beta3/crypto/eu-1"), options.ResolveUrl(AlpacaStreamKind.Crypto, AlpacaFeed.Iex));
        Assert.Equal(new Uri("ws://127.0.0.1:5000/v2/iex"), options.ResolveUrl(AlpacaStreamKind.Stocks, AlpacaFeed.Iex));
    }
}
