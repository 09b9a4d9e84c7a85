using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

public sealed class CryptoAndNewsDecodingTests
{
    [Fact]
    public void Read_CryptoTradeSample_ReadsFractionalSizeAndTakerSide()
    {
        var trade = JsonDecoding.Read(CryptoTradeDecoder.Read,
            """{"T":"t","S":"BTC/USD","p":64210.5,"s":0.0125,"t":"2024-05-01T14:31:02.1Z","i":3447222699101865076,"tks":"B"}""");

        Assert.Equal(("BTC/USD", 64210.5m, 0.0125m), (trade.Symbol, trade.Price, trade.Size));
        Assert.Equal(3447222699101865076, trade.Id);
        Assert.Equal(TakerSide.Buy, trade.TakerSide);
        Assert.Equal(100_000_000, trade.Timestamp.Nanosecond);
    }

    [Fact]
    public void Read_CryptoTradeSellSide_ReadsSell()
    {
        var trade = JsonDecoding.Read(CryptoTradeDecoder.Read, """{"T":"t","S":"ETH/USD","p":3000,"s":1.5,"tks":"S"}""");

        Assert.Equal(TakerSide.Sell, trade.TakerSide);
    }

    [Fact]
    public void Read_CryptoQuote_ReadsFractionalSizes()
    {
        var quote = JsonDecoding.Read(CryptoQuoteDecoder.Read,
            """{"T":"q","S":"BTC/USD","bp":64210.1,"bs":0.25,"ap":64212.4,"as":1.0005,"t":"2024-05-01T14:31:02.3Z"}""");

        Assert.Equal((64210.1m, 0.25m, 64212.4m, 1.0005m), (quote.BidPrice, quote.BidSize, quote.AskPrice, quote.AskSize));
    }

    [Theory]
    [InlineData("b", BarKind.Minute)]
    [InlineData("d", BarKind.Daily)]
    [InlineData("u", BarKind.Updated)]
    public void Read_CryptoBar_ReadsFractionalVolume(string code, BarKind kind)
    {
        var bar = JsonDecoding.Read(CryptoBarDecoder.Read,
            $$"""{"T":"{{code}}","S":"BTC/USD","o":64200,"h":64300,"l":64100,"c":64250,"v":12.345678,"n":88,"vw":64220.5,"t":"2024-05-01T14:30:00Z"}""");

        Assert.Equal((kind, 12.345678m, 88L, 64250m), (bar.Kind, bar.Volume, bar.TradeCount, bar.Close));
    }

    [Fact]
    public void Read_OrderBookSample_ReadsLevelsAndReset()
    {
        var book = JsonDecoding.Read(CryptoOrderBookDecoder.Read,
            """{"T":"o","S":"BTC/USD","t":"2024-05-01T14:31:02.2Z","b":[{"p":64210.0,"s":0.5}],"a":[{"p":64212.5,"s":0}],"r":false}""");

        Assert.Equal<OrderBookLevel>([new OrderBookLevel(64210.0m, 0.5m)], book.Bids);
        Assert.Equal<OrderBookLevel>([new OrderBookLevel(64212.5m, 0m)], book.Asks);
        Assert.False(book.IsReset);
    }

    [Fact]
    public void Read_OrderBookReset_ReadsManyLevels()
    {
        var book = JsonDecoding.Read(CryptoOrderBookDecoder.Read,
            """{"T":"o","S":"BTC/USD","r":true,"b":[{"p":3,"s":1},{"p":2,"s":2},{"s":3,"p":1}],"a":[]}""");

        Assert.True(book.IsReset);
        Assert.Equal<OrderBookLevel>([new(3m, 1m), new(2m, 2m), new(1m, 3m)], book.Bids);
        Assert.True(book.Asks.IsEmpty);
    }

    [Fact]
    public void Read_NewsSample_HasNoSymbolButSymbolList()
    {
        var news = JsonDecoding.Read(NewsArticleDecoder.Read,
            """{"T":"n","id":38540211,"headline":"Apple beats estimates","summary":"...","author":"Newsdesk","created_at":"2024-05-02T20:31:00Z","updated_at":"2024-05-02T20:31:01Z","url":"https://example.com/a","content":"<p>...</p>","symbols":["AAPL"],"source":"benzinga"}""");

        Assert.Equal(38540211, news.Id);
        Assert.Equal(("Apple beats estimates", "...", "Newsdesk"), (news.Headline, news.Summary, news.Author));
        Assert.Equal(("https://example.com/a", "<p>...</p>", "benzinga"), (news.Url, news.Content, news.Source));
        Assert.Equal("2024-05-02T20:31:00Z", news.CreatedAt.ToString());
        Assert.Equal("2024-05-02T20:31:01Z", news.UpdatedAt.ToString());
        Assert.Equal<string>(["AAPL"], news.Symbols);
    }

    [Fact]
    public void Read_NewsWithoutOptionalFields_UsesEmptyValues()
    {
        var news = JsonDecoding.Read(NewsArticleDecoder.Read, """{"T":"n","id":1,"headline":"h"}""");

        Assert.Equal(("h", string.Empty), (news.Headline, news.Content));
        Assert.True(news.Symbols.IsEmpty);
    }
}
