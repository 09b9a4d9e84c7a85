using WebsocketProxy.Alpaca.Streams;
using WebsocketProxy.Client;

namespace WebsocketProxy.Alpaca.Tests;

public sealed class AlpacaProxyConnectionsTests
{
    [Theory]
    [InlineData("trades")]
    [InlineData("bars")]
    [InlineData("orderbooks")]
    [InlineData("news")]
    public void MarketDataTemplate_DeclaredChannel_IsTheTypedStreamsTemplate(string channel)
    {
        var declared = new[] { AlpacaStockStream.Protocol, AlpacaCryptoStream.Protocol, AlpacaNewsStream.Protocol }
            .SelectMany(p => p.Channels)
            .First(c => c.Name == channel)
            .Template;

        // The same template counts the same topics in the proxy: typed streams and raw users share subscriptions.
        Assert.Equal(declared, AlpacaProxyConnections.MarketDataTemplate(channel));
    }

    [Fact]
    public void MarketDataTemplate_UnknownWord_SameShapeAsDeclared()
    {
        var template = AlpacaProxyConnections.MarketDataTemplate("pricing");

        Assert.Equal("pricing", template.Group);
        Assert.Equal("{\"action\":\"subscribe\",\"pricing\":[{topics}]}", template.Subscribe);
        Assert.Throws<ArgumentException>(() => AlpacaProxyConnections.MarketDataTemplate("bad\"key"));
    }

    [Fact]
    public void MarketData_MessagePack_SameOptionsAsTheTypedLayer()
    {
        var credentials = AlpacaCredentials.FromKey("key", "secret");
        var url = new Uri("ws://127.0.0.1:1/v2/iex");

        var options = AlpacaProxyConnections.MarketData(credentials, url, AlpacaProxyOptions.Default);

        Assert.Equal(ProxyMessageFormat.MessagePack, options.MessageFormat);
        Assert.Equal("application/msgpack", options.Headers["Content-Type"]);
        Assert.Equal(AlpacaUpstream.ConnectionOptions(credentials, url, AlpacaProxyOptions.Default).Prelude, options.Prelude);
    }
}
