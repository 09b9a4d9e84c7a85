using System.Text;
using System.Text.Json;
using WebsocketProxy.Alpaca.Protocol;

namespace WebsocketProxy.Alpaca.Tests.Protocol;

public sealed class AlpacaProtocolMessageTests
{
    [Fact]
    public void AuthMessage_Build_IsExactJsonWithEscaping()
    {
        var message = AlpacaAuthMessage.Build(new AlpacaCredentials("PKTEST", "se\"cr/et"));

        using var document = JsonDocument.Parse(message);
        Assert.Equal("auth", document.RootElement.GetProperty("action").GetString());
        Assert.Equal("PKTEST", document.RootElement.GetProperty("key").GetString());
        Assert.Equal("se\"cr/et", document.RootElement.GetProperty("secret").GetString());
        Assert.StartsWith("""{"action":"auth","key":"PKTEST","secret":""", Encoding.UTF8.GetString(message), StringComparison.Ordinal);
    }

    [Fact]
    public void SubscribeTemplate_Render_ProducesServerShape()
    {
        var message = AlpacaChannel.Trades.Subscribe.Render(["AAPL", "MSFT"]);

        Assert.Equal("""{"action":"subscribe","trades":["AAPL","MSFT"]}""", Encoding.UTF8.GetString(message));
    }

    [Fact]
    public void UnsubscribeTemplate_Render_ProducesServerShape()
    {
        var message = AlpacaChannel.DailyBars.Unsubscribe.Render(["*"]);

        Assert.Equal("""{"action":"unsubscribe","dailyBars":["*"]}""", Encoding.UTF8.GetString(message));
    }

    [Fact]
    public void Template_PrefixAndSuffix_SurroundPlaceholder()
    {
        var template = AlpacaChannel.OrderBooks.Subscribe;

        Assert.Equal("""{"action":"subscribe","orderbooks":[{topics}]}""", template.ToString());
        Assert.Equal("""{"action":"subscribe","orderbooks":[""", Encoding.UTF8.GetString(template.Prefix));
        Assert.Equal("]}", Encoding.UTF8.GetString(template.Suffix));
        Assert.Equal(("subscribe", "orderbooks"), (template.Action, template.ChannelKey));
    }

    [Fact]
    public void Template_Render_EscapesAndRejectsEmptyTopics()
    {
        var rendered = AlpacaChannel.Quotes.Subscribe.Render(["BTC/USD", "A\"B"]);

        using var document = JsonDocument.Parse(rendered);
        Assert.Equal(["BTC/USD", "A\"B"], document.RootElement.GetProperty("quotes").EnumerateArray().Select(e => e.GetString()));
        Assert.Throws<ArgumentException>(() => AlpacaChannel.Quotes.Subscribe.Render(["AAPL", ""]));
    }

    [Fact]
    public void Channels_EveryClientKey_IsKnownWithItsStreams()
    {
        Assert.Equal(
            ["trades", "quotes", "bars", "dailyBars", "updatedBars", "statuses", "lulds", "imbalances", "orderbooks", "news"],
            AlpacaChannel.All.Select(channel => channel.Key));
        Assert.True(AlpacaChannel.TryGet("lulds", out var lulds));
        Assert.True(lulds.IsOfferedBy(AlpacaStreamKind.Stocks));
        Assert.False(lulds.IsOfferedBy(AlpacaStreamKind.Crypto));
        Assert.True(AlpacaChannel.OrderBooks.IsOfferedBy(AlpacaStreamKind.Crypto));
        Assert.Equal<string>(["t", "c", "x"], AlpacaChannel.Trades.TypeCodes);
        Assert.False(AlpacaChannel.TryGet("Trades", out _));
    }
}
