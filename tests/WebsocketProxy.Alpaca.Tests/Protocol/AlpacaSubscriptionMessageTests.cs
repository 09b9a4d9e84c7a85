using System.Text;
using System.Text.Json;
using WebsocketProxy.Alpaca.Protocol;

namespace WebsocketProxy.Alpaca.Tests.Protocol;

public sealed class AlpacaSubscriptionMessageTests
{
    [Fact]
    public void Subscribe_SeveralChannels_OneObjectWithEmptyChannelsLeftOut()
    {
        var message = AlpacaSubscriptionMessage.Subscribe(
        [
            new(AlpacaChannel.Trades, ["AAPL"]),
            new(AlpacaChannel.Quotes, ["AAPL", "MSFT"]),
            new(AlpacaChannel.Bars, ["*"]),
            new(AlpacaChannel.Statuses, []),
        ]);

        Assert.Equal(
            """{"action":"subscribe","trades":["AAPL"],"quotes":["AAPL","MSFT"],"bars":["*"]}""",
            Encoding.UTF8.GetString(message));
    }

    [Fact]
    public void Unsubscribe_EmptyTopic_Throws()
    {
        Assert.Throws<ArgumentException>(() => AlpacaSubscriptionMessage.Unsubscribe([new(AlpacaChannel.News, [""])]));
    }

    [Fact]
    public void Unsubscribe_CryptoSymbol_IsValidJson()
    {
        var message = AlpacaSubscriptionMessage.Unsubscribe([new(AlpacaChannel.OrderBooks, ["BTC/USD"])]);

        using var document = JsonDocument.Parse(message);
        Assert.Equal("unsubscribe", document.RootElement.GetProperty("action").GetString());
        Assert.Equal("BTC/USD", document.RootElement.GetProperty("orderbooks")[0].GetString());
    }
}
