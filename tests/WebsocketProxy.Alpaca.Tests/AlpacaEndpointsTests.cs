namespace WebsocketProxy.Alpaca.Tests;

public sealed class AlpacaEndpointsTests
{
    [Theory]
    [InlineData(AlpacaFeed.Iex, "wss://stream.data.alpaca.markets/v2/iex")]
    [InlineData(AlpacaFeed.Sip, "wss://stream.data.alpaca.markets/v2/sip")]
    [InlineData(AlpacaFeed.DelayedSip, "wss://stream.data.alpaca.markets/v2/delayed_sip")]
    [InlineData(AlpacaFeed.Test, "wss://stream.data.alpaca.markets/v2/test")]
    [InlineData(AlpacaFeed.Boats, "wss://stream.data.alpaca.markets/v1beta1/boats")]
    [InlineData(AlpacaFeed.Overnight, "wss://stream.data.alpaca.markets/v1beta1/overnight")]
    public void Stocks_EveryFeed_HasDocumentedPath(AlpacaFeed feed, string expected)
    {
        Assert.Equal(new Uri(expected), AlpacaEndpoints.Stocks(feed));
    }

    [Fact]
    public void CryptoAndNews_Sandbox_UseSandboxHost()
    {
        Assert.Equal(new Uri("wss://stream.data.sandbox.alpaca.markets/v1beta3/crypto/us"), AlpacaEndpoints.Crypto(AlpacaEnvironment.Sandbox));
        Assert.Equal(new Uri("wss://stream.data.sandbox.alpaca.markets/v1beta1/news"), AlpacaEndpoints.News(AlpacaEnvironment.Sandbox));
        Assert.Equal(new Uri("wss://stream.data.alpaca.markets/v1beta1/news"), AlpacaEndpoints.News());
    }

    [Theory]
    [InlineData(AlpacaCryptoLocation.Us, "wss://stream.data.alpaca.markets/v1beta3/crypto/us")]
    [InlineData(AlpacaCryptoLocation.Us1, "wss://stream.data.alpaca.markets/v1beta3/crypto/us-1")]
    [InlineData(AlpacaCryptoLocation.Eu1, "wss://stream.data.alpaca.markets/v1beta3/crypto/eu-1")]
    public void CryptoAt_EveryLocation_HasDocumentedPath(AlpacaCryptoLocation location, string expected)
    {
        Assert.Equal(new Uri(expected), AlpacaEndpoints.CryptoAt(location, AlpacaEnvironment.Production));
    }

    [Fact]
    public void CryptoAt_UsLocation_SameAsCrypto()
    {
        Assert.Equal(AlpacaEndpoints.Crypto(AlpacaEnvironment.Sandbox), AlpacaEndpoints.CryptoAt(AlpacaCryptoLocation.Us, AlpacaEnvironment.Sandbox));
    }

    [Fact]
    public void CryptoAt_BaseAddress_AppendsLocationPath()
    {
        Assert.Equal(new Uri("ws://127.0.0.1:5000/v1beta3/crypto/eu-1"), AlpacaEndpoints.CryptoAt(AlpacaCryptoLocation.Eu1, new Uri("ws://127.0.0.1:5000")));
        Assert.Throws<ArgumentException>(() => AlpacaEndpoints.CryptoAt(AlpacaCryptoLocation.Us1, new Uri("http://localhost/")));
    }

    [Fact]
    public async Task Paths_NewFeedsAndLocations_MatchTheSimulatorsEndpoints()
    {
        await using var sim = await Simulator.AlpacaMarketSimulator.StartAsync();
        Assert.Equal(sim.GetUri(Simulator.AlpacaSimulatorFeed.Boats), AlpacaEndpoints.For(AlpacaStreamKind.Stocks, AlpacaFeed.Boats, sim.BaseUri));
        Assert.Equal(sim.GetUri(Simulator.AlpacaSimulatorFeed.Overnight), AlpacaEndpoints.For(AlpacaStreamKind.Stocks, AlpacaFeed.Overnight, sim.BaseUri));
        Assert.Equal(sim.GetUri(Simulator.AlpacaSimulatorFeed.Crypto), AlpacaEndpoints.CryptoAt(AlpacaCryptoLocation.Us, sim.BaseUri));
        Assert.Equal(sim.GetUri(Simulator.AlpacaSimulatorFeed.CryptoUs1), AlpacaEndpoints.CryptoAt(AlpacaCryptoLocation.Us1, sim.BaseUri));
        Assert.Equal(sim.GetUri(Simulator.AlpacaSimulatorFeed.CryptoEu1), AlpacaEndpoints.CryptoAt(AlpacaCryptoLocation.Eu1, sim.BaseUri));
    }

    [Fact]
    public void CryptoPath_UnknownLocation_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AlpacaEndpoints.CryptoPath((AlpacaCryptoLocation)42));
    }

    [Theory]
    [InlineData("ws://127.0.0.1:5000")]
    [InlineData("ws://127.0.0.1:5000/")]
    public void For_BaseAddress_AppendsStreamPath(string baseAddress)
    {
        Assert.Equal(new Uri("ws://127.0.0.1:5000/v2/sip"), AlpacaEndpoints.For(AlpacaStreamKind.Stocks, AlpacaFeed.Sip, new Uri(baseAddress)));
    }

    [Fact]
    public void For_BaseAddressWithPath_KeepsIt()
    {
        Assert.Equal(new Uri("ws://localhost:1/sim/v1beta3/crypto/us"), AlpacaEndpoints.For(AlpacaStreamKind.Crypto, AlpacaFeed.Iex, new Uri("ws://localhost:1/sim")));
    }

    [Fact]
    public void For_HttpBaseAddress_Throws()
    {
        Assert.Throws<ArgumentException>(() => AlpacaEndpoints.For(AlpacaStreamKind.Stocks, AlpacaFeed.Iex, new Uri("http://localhost/")));
    }
}
