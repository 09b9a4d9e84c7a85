namespace WebsocketProxy.Alpaca.Tests;

/// <summary>Where the streams of an <see cref="AlpacaProxy"/> connect, and which options are refused at once.</summary>
public sealed class AlpacaProxyOptionsTests
{
    [Fact]
    public void ResolveUrl_Default_IsAlpacasProductionHost() =>
        Assert.Equal(new Uri("wss://stream.data.alpaca.markets/v2/sip"), (AlpacaProxyOptions.Default with { Feed = AlpacaFeed.Sip }).ResolveUrl(AlpacaStreamKind.Stocks));

    [Fact]
    public void ResolveUrl_BaseAddress_AppendsTheStreamPath() =>
        Assert.Equal(
            new Uri("ws://127.0.0.1:5000/v1beta3/crypto/us"),
            (AlpacaProxyOptions.Default with { BaseAddress = new Uri("ws://127.0.0.1:5000") }).ResolveUrl(AlpacaStreamKind.Crypto));

    [Fact]
    public void ResolveUrl_ExplicitUrl_WinsOverEverythingElse()
    {
        var options = AlpacaProxyOptions.Default with { BaseAddress = new Uri("ws://127.0.0.1:5000/"), Url = new Uri("ws://10.0.0.1:9/custom") };

        Assert.Equal(new Uri("ws://10.0.0.1:9/custom"), options.ResolveUrl(AlpacaStreamKind.News));
    }

    [Fact]
    public void WireFormat_Default_IsMessagePackAsTheOfficialSdks()
    {
        Assert.Equal(AlpacaWireFormat.MessagePack, AlpacaProxyOptions.Default.WireFormat);
        Assert.Equal(AlpacaWireFormat.MessagePack, new WebsocketProxy.Alpaca.DependencyInjection.AlpacaProxySettings().ToOptions().WireFormat);
        Assert.Equal(AlpacaWireFormat.Json, new WebsocketProxy.Alpaca.DependencyInjection.AlpacaProxySettings { WireFormat = AlpacaWireFormat.Json }.ToOptions().WireFormat);
    }

    [Fact]
    public async Task Connect_UnknownWireFormat_ThrowsNamingTheChoices()
    {
        var options = AlpacaProxyOptions.Default with { WireFormat = (AlpacaWireFormat)7 };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => AlpacaProxy.ConnectAsync(new AlpacaCredentials("key", "secret"), options));

        Assert.Contains("AlpacaWireFormat.MessagePack or AlpacaWireFormat.Json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_InvalidBackoff_ThrowsBeforeStartingAnything()
    {
        var options = AlpacaProxyOptions.Default with { ReconnectInitialBackoff = TimeSpan.FromSeconds(5), ReconnectMaxBackoff = TimeSpan.FromSeconds(1) };

        await Assert.ThrowsAsync<ArgumentException>(() => AlpacaProxy.ConnectAsync(new AlpacaCredentials("key", "secret"), options));
    }

    [Theory]
    [InlineData("ConnectionLimitRetryWindow", -1, 10, 10, 0)]
    [InlineData("KeepAliveTimeout", 180, -1, 10, 0)]
    [InlineData("KeepAliveTimeout", 180, 0, 10, 0)]
    [InlineData("StaleDataTimeout", 180, 10, 10, -1)]
    public async Task Connect_InvalidResilienceOption_ThrowsNamingIt(string name, int windowS, int intervalS, int timeoutS, int staleS)
    {
        var options = AlpacaProxyOptions.Default with
        {
            ConnectionLimitRetryWindow = TimeSpan.FromSeconds(windowS),
            KeepAliveInterval = TimeSpan.FromSeconds(intervalS),
            KeepAliveTimeout = TimeSpan.FromSeconds(timeoutS),
            StaleDataTimeout = TimeSpan.FromSeconds(staleS),
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => AlpacaProxy.ConnectAsync(new AlpacaCredentials("key", "secret"), options));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_NoCredentials_Throws() =>
        await Assert.ThrowsAsync<ArgumentNullException>(() => AlpacaProxy.ConnectAsync(null!));

    [Theory]
    [InlineData(AlpacaCryptoLocation.Us, "wss://stream.data.alpaca.markets/v1beta3/crypto/us")]
    [InlineData(AlpacaCryptoLocation.Us1, "wss://stream.data.alpaca.markets/v1beta3/crypto/us-1")]
    [InlineData(AlpacaCryptoLocation.Eu1, "wss://stream.data.alpaca.markets/v1beta3/crypto/eu-1")]
    public void ResolveUrl_CryptoLocation_IsTheVenuesPath(AlpacaCryptoLocation location, string expected) =>
        Assert.Equal(new Uri(expected), (AlpacaProxyOptions.Default with { CryptoLocation = location }).ResolveUrl(AlpacaStreamKind.Crypto));

    [Fact]
    public void ResolveUrl_CryptoLocationUnderABaseAddress_KeepsTheVenueAndLeavesStocksAlone()
    {
        var options = AlpacaProxyOptions.Default with { BaseAddress = new Uri("ws://127.0.0.1:5000"), CryptoLocation = AlpacaCryptoLocation.Eu1 };

        Assert.Equal(new Uri("ws://127.0.0.1:5000/v1beta3/crypto/eu-1"), options.ResolveUrl(AlpacaStreamKind.Crypto));
        Assert.Equal(new Uri("ws://127.0.0.1:5000/v2/iex"), options.ResolveUrl(AlpacaStreamKind.Stocks));
    }
}
