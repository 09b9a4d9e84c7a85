using WebsocketProxy.Alpaca.Streams;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Tests.Streams;

/// <summary>The channels each stream class declares once: keys, type codes and subscribe messages as Alpaca spells them.</summary>
public sealed class AlpacaStreamProtocolTests
{
    [Fact]
    public void StockProtocol_Channels_AreAlpacasKeysAndTypeCodes() =>
        Assert.Equal(
            ["trades:t", "quotes:q", "bars:b", "dailyBars:d", "updatedBars:u", "statuses:s", "lulds:l", "imbalances:i", "trades:c", "trades:x"],
            Describe(AlpacaStockStream.Protocol));

    [Fact]
    public void CryptoProtocol_Channels_AreAlpacasKeysAndTypeCodes() =>
        Assert.Equal(["trades:t", "quotes:q", "bars:b", "dailyBars:d", "updatedBars:u", "orderbooks:o"], Describe(AlpacaCryptoStream.Protocol));

    [Fact]
    public void NewsProtocol_OneChannelNotRoutedBySymbol() =>
        Assert.False(Assert.Single(AlpacaNewsStream.Protocol.Channels, c => c.Name == "news" && c.TypeCode == "n").SymbolRouted);

    [Fact]
    public void StockProtocol_Templates_AreTheServersSubscribeShape()
    {
        var dailyBars = Assert.Single(AlpacaStockStream.Protocol.Channels, c => c.Name == "dailyBars").Template;

        Assert.Equal("""{"action":"subscribe","dailyBars":[{topics}]}""", dailyBars.Subscribe);
        Assert.Equal("""{"action":"unsubscribe","dailyBars":[{topics}]}""", dailyBars.Unsubscribe);
        Assert.Equal(100, dailyBars.MaxTopicsPerMessage);

        // Corrections and cancels ride on the trades subscription: one reference-counting group.
        Assert.Single(AlpacaStockStream.Protocol.Channels.Where(c => c.Name == "trades").Select(c => c.Template.Group).Distinct());
    }

    private static IEnumerable<string> Describe(StreamProtocol protocol) => protocol.Channels.Select(c => $"{c.Name}:{c.TypeCode}");
}
