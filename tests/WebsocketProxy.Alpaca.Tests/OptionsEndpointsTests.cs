namespace WebsocketProxy.Alpaca.Tests;

/// <summary>Where the options streams are, and how <see cref="AlpacaProxyOptions.OptionsFeed"/> picks one.</summary>
public sealed class OptionsEndpointsTests
{
    [Theory]
    [InlineData(AlpacaOptionsFeed.Indicative, AlpacaEnvironment.Production, "wss://stream.data.alpaca.markets/v1beta1/indicative")]
    [InlineData(AlpacaOptionsFeed.Opra, AlpacaEnvironment.Production, "wss://stream.data.alpaca.markets/v1beta1/opra")]
    [InlineData(AlpacaOptionsFeed.Opra, AlpacaEnvironment.Sandbox, "wss://stream.data.sandbox.alpaca.markets/v1beta1/opra")]
    public void Options_EveryFeed_HasDocumentedPath(AlpacaOptionsFeed feed, AlpacaEnvironment environment, string expected)
    {
        Assert.Equal(new Uri(expected), AlpacaEndpoints.Options(feed, environment));
        Assert.Equal(new Uri(expected), AlpacaEndpoints.OptionsAt(feed, environment));
    }

    [Fact]
    public void Path_OptionsKind_IsIndicative() =>
        Assert.Equal("v1beta1/indicative", AlpacaEndpoints.Path(AlpacaStreamKind.Options));

    [Fact]
    public void OptionsAt_UnknownFeed_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AlpacaEndpoints.OptionsPath((AlpacaOptionsFeed)7));

    [Fact]
    public void ResolveUrl_OptionsWithBaseAddress_AppendsTheFeedsPath() =>
        Assert.Equal(
            new Uri("ws://127.0.0.1:5000/v1beta1/opra"),
            (AlpacaProxyOptions.Default with { BaseAddress = new Uri("ws://127.0.0.1:5000"), OptionsFeed = AlpacaOptionsFeed.Opra }).ResolveUrl(AlpacaStreamKind.Options));

    [Fact]
    public void ResolveUrl_OptionsByDefault_IndicativeOnProduction() =>
        Assert.Equal(new Uri("wss://stream.data.alpaca.markets/v1beta1/indicative"), AlpacaProxyOptions.Default.ResolveUrl(AlpacaStreamKind.Options));
}
