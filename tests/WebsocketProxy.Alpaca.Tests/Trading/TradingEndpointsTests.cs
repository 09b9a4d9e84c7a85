using WebsocketProxy.Alpaca.Trading;

namespace WebsocketProxy.Alpaca.Tests.Trading;

/// <summary>Where the trading stream and the order calls go: paper by default, live only when asked, or the simulator.</summary>
public sealed class TradingEndpointsTests
{
    [Theory]
    [InlineData(AlpacaTradingEnvironment.Paper, "wss://paper-api.alpaca.markets/stream", "https://paper-api.alpaca.markets/")]
    [InlineData(AlpacaTradingEnvironment.Live, "wss://api.alpaca.markets/stream", "https://api.alpaca.markets/")]
    public void Trading_Environment_HasDocumentedStreamAndApiHost(AlpacaTradingEnvironment environment, string stream, string api)
    {
        Assert.Equal(stream, AlpacaEndpoints.Trading(environment).AbsoluteUri);
        Assert.Equal(api, AlpacaEndpoints.TradingHost(environment).AbsoluteUri);
    }

    [Fact]
    public void ResolveUrl_Default_IsPaperWhateverTheMarketDataEnvironment()
    {
        Assert.Equal("wss://paper-api.alpaca.markets/stream", AlpacaProxyOptions.Default.ResolveUrl(AlpacaStreamKind.Trading).AbsoluteUri);
        Assert.Equal("wss://api.alpaca.markets/stream", (AlpacaProxyOptions.Default with { TradingEnvironment = AlpacaTradingEnvironment.Live }).ResolveUrl(AlpacaStreamKind.Trading).AbsoluteUri);
    }

    [Fact]
    public void ResolveUrl_BaseAddress_IsTheSimulatorsStreamPath() =>
        Assert.Equal(
            "ws://127.0.0.1:5000/stream",
            (AlpacaProxyOptions.Default with { BaseAddress = new Uri("ws://127.0.0.1:5000") }).ResolveUrl(AlpacaStreamKind.Trading).AbsoluteUri);

    [Theory]
    [InlineData("ws://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("wss://paper-api.alpaca.markets/", "https://paper-api.alpaca.markets/")]
    [InlineData("http://127.0.0.1:5000/prefix", "http://127.0.0.1:5000/prefix/")]
    public void AlpacaOrdersClient_BaseAddress_BecomesHttpWithTrailingSlash(string given, string expected)
    {
        using var orders = new AlpacaOrdersClient(new AlpacaCredentials("k", "s"), new Uri(given));

        Assert.Equal(expected, orders.BaseAddress.AbsoluteUri);
    }

    [Theory]
    [InlineData(null, null, "exactly one of Quantity and Notional")]
    [InlineData(1, 5, "exactly one of Quantity and Notional")]
    [InlineData(0, null, "positive")]
    public void Validate_BadQuantities_NamesTheMistake(int? quantity, int? notional, string mentioned)
    {
        var request = new OrderRequest { Symbol = "AAPL", Side = OrderSide.Buy, Quantity = quantity, Notional = notional };

        var error = Assert.ThrowsAny<ArgumentException>(request.Validate);

        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LimitWithoutPriceOrUnknownSide_Throws()
    {
        Assert.Throws<ArgumentException>(() => (OrderRequest.Market("AAPL", 1, OrderSide.Buy) with { Type = OrderType.Limit }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderRequest.Market("AAPL", 1, OrderSide.Unknown).Validate());
    }
}
