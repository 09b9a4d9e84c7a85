namespace WebsocketProxy.Alpaca.Tests;

public sealed class AlpacaEndpointsTests
{
    [Theory]
    [InlineData(AlpacaFeed.Iex, "wss://stream.data.alpaca.markets/v2/iex")]
    [InlineData(AlpacaFeed.Sip, "wss://stream.data.alpaca.markets/v2/sip")]
    [InlineData(AlpacaFeed.DelayedSip, "wss://stream.data.alpaca.markets/v2/delayed_sip")]
    [InlineData(AlpacaFeed.Test, "wss://stream.data.alpaca.markets/v2/test")]
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
