using System.Collections.Concurrent;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Alpaca.Streams;
using WebsocketProxy.Alpaca.Tests.Streams;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

/// <summary>
/// Every Alpaca message type through the path typed streams use: a frame into the stream's generated
/// dispatcher, which routes on <c>T</c> and <c>S</c> and calls the channel's decoder (a fake connection
/// stands in for the proxy, which is not under test here).
/// </summary>
public sealed class DispatchedDecodingTests
{
    [Fact]
    public async Task StocksDispatcher_FrameWithEveryMessageType_EachArrivesAsItsModel()
    {
        await using var connection = new FakeConnection();
        await using var stocks = StreamRouter.Acquire(connection, AlpacaStockStream.Protocol, StreamOptions.Default);
        var session = stocks;
        await using var trades = await DispatchProbe.OpenAllAsync<StockTrade>(session, "t");
        await using var quotes = await DispatchProbe.OpenAllAsync<StockQuote>(session, "q");
        await using var bars = await DispatchProbe.OpenAllAsync<StockBar>(session, "b");
        await using var dailyBars = await DispatchProbe.OpenAllAsync<StockBar>(session, "d");
        await using var updatedBars = await DispatchProbe.OpenAllAsync<StockBar>(session, "u");
        await using var statuses = await DispatchProbe.OpenAllAsync<TradingStatus>(session, "s");
        await using var lulds = await DispatchProbe.OpenAllAsync<LimitUpLimitDown>(session, "l");
        await using var corrections = await DispatchProbe.OpenAllAsync<TradeCorrection>(session, "c");
        await using var cancels = await DispatchProbe.OpenAllAsync<TradeCancel>(session, "x");
        await using var imbalances = await DispatchProbe.OpenAllAsync<OrderImbalance>(session, "i");

        connection.Push("""
            [{"T":"t","S":"AAPL","i":1,"x":"V","p":189.42,"s":100,"c":["@"],"z":"C","t":"2024-05-01T14:31:02.123456789Z"},
             {"T":"q","S":"AAPL","bx":"Q","bp":189.41,"bs":2,"ax":"P","ap":189.43,"as":3,"c":["R"],"z":"C","t":"2024-05-01T14:31:02Z"},
             {"T":"b","S":"AAPL","o":1,"h":2,"l":0.5,"c":1.5,"v":10,"n":3,"vw":1.2,"t":"2024-05-01T14:30:00Z"},
             {"T":"d","S":"MSFT","o":1,"h":2,"l":0.5,"c":2.5,"v":10,"n":3,"vw":1.2,"t":"2024-05-01T00:00:00Z"},
             {"T":"u","S":"IBM","o":1,"h":2,"l":0.5,"c":3.5,"v":10,"n":3,"vw":1.2,"t":"2024-05-01T14:30:00Z"},
             {"T":"s","S":"AAPL","sc":"H","sm":"Trading Halt","rc":"T12","rm":"halted","z":"C","t":"2024-05-01T15:00:00Z"},
             {"T":"l","S":"AAPL","u":198.89,"d":179.95,"i":"B","z":"C","t":"2024-05-01T14:35:00Z"},
             {"T":"c","S":"AAPL","x":"V","oi":1,"op":189.42,"os":100,"oc":["@"],"ci":2,"cp":189.40,"cs":100,"cc":["@"],"z":"C","t":"2024-05-01T14:31:05Z"},
             {"T":"x","S":"AAPL","i":1,"x":"V","p":189.42,"s":100,"a":"C","z":"C","t":"2024-05-01T14:31:06Z"},
             {"T":"i","S":"AAPL","p":189.5,"z":"C","t":"2024-05-01T19:50:00Z"}]
            """);

        Assert.Equal(("AAPL", 189.42m, 100L), Pick(await trades.NextAsync(), t => (t.Symbol, t.Price, t.Size)));
        Assert.Equal((189.41m, 189.43m), Pick(await quotes.NextAsync(), q => (q.BidPrice, q.AskPrice)));
        Assert.Equal((BarKind.Minute, "AAPL", 1.5m), Pick(await bars.NextAsync(), b => (b.Kind, b.Symbol, b.Close)));
        Assert.Equal((BarKind.Daily, "MSFT", 2.5m), Pick(await dailyBars.NextAsync(), b => (b.Kind, b.Symbol, b.Close)));
        Assert.Equal((BarKind.Updated, "IBM", 3.5m), Pick(await updatedBars.NextAsync(), b => (b.Kind, b.Symbol, b.Close)));
        Assert.Equal(("H", "T12"), Pick(await statuses.NextAsync(), s => (s.StatusCode, s.ReasonCode)));
        Assert.Equal((198.89m, 179.95m), Pick(await lulds.NextAsync(), l => (l.LimitUpPrice, l.LimitDownPrice)));
        Assert.Equal((189.42m, 189.40m), Pick(await corrections.NextAsync(), c => (c.OriginalPrice, c.CorrectedPrice)));
        Assert.Equal(TradeCancelAction.Cancel, (await cancels.NextAsync()).Action);
        Assert.Equal(189.5m, (await imbalances.NextAsync()).Price);
        Assert.Equal(0, Failures(session.Statistics));
    }

    [Fact]
    public async Task CryptoDispatcher_FrameWithEveryMessageType_EachArrivesAsItsCryptoModel()
    {
        await using var connection = new FakeConnection();
        await using var crypto = StreamRouter.Acquire(connection, AlpacaCryptoStream.Protocol, StreamOptions.Default);
        var session = crypto;
        await using var trades = await DispatchProbe.OpenAllAsync<CryptoTrade>(session, "t");
        await using var quotes = await DispatchProbe.OpenAllAsync<CryptoQuote>(session, "q");
        await using var bars = await DispatchProbe.OpenAllAsync<CryptoBar>(session, "b");
        await using var dailyBars = await DispatchProbe.OpenAllAsync<CryptoBar>(session, "d");
        await using var updatedBars = await DispatchProbe.OpenAllAsync<CryptoBar>(session, "u");
        await using var books = await DispatchProbe.OpenAllAsync<CryptoOrderBook>(session, "o");

        // The same type codes as on the stocks stream: t, q and b are crypto models here, with fractional sizes.
        connection.Push("""
            [{"T":"t","S":"BTC/USD","p":64210.5,"s":0.0125,"t":"2024-05-01T14:31:02.1Z","i":7,"tks":"B"},
             {"T":"q","S":"BTC/USD","bp":64210.1,"bs":0.25,"ap":64212.4,"as":1.0005,"t":"2024-05-01T14:31:02.3Z"},
             {"T":"b","S":"BTC/USD","o":64200,"h":64300,"l":64100,"c":64250,"v":12.345678,"n":88,"vw":64220.5,"t":"2024-05-01T14:30:00Z"},
             {"T":"d","S":"ETH/USD","o":1,"h":2,"l":0.5,"c":3000,"v":1.5,"n":8,"vw":1.2,"t":"2024-05-01T00:00:00Z"},
             {"T":"u","S":"SOL/USD","o":1,"h":2,"l":0.5,"c":150,"v":2.5,"n":8,"vw":1.2,"t":"2024-05-01T14:30:00Z"},
             {"T":"o","S":"BTC/USD","t":"2024-05-01T14:31:02.2Z","b":[{"p":64210.0,"s":0.5}],"a":[{"p":64212.5,"s":0}],"r":true}]
            """);

        Assert.Equal((0.0125m, TakerSide.Buy), Pick(await trades.NextAsync(), t => (t.Size, t.TakerSide)));
        Assert.Equal((0.25m, 1.0005m), Pick(await quotes.NextAsync(), q => (q.BidSize, q.AskSize)));
        Assert.Equal((BarKind.Minute, 12.345678m), Pick(await bars.NextAsync(), b => (b.Kind, b.Volume)));
        Assert.Equal((BarKind.Daily, "ETH/USD"), Pick(await dailyBars.NextAsync(), b => (b.Kind, b.Symbol)));
        Assert.Equal((BarKind.Updated, "SOL/USD"), Pick(await updatedBars.NextAsync(), b => (b.Kind, b.Symbol)));
        var book = await books.NextAsync();
        Assert.Equal((true, new OrderBookLevel(64210.0m, 0.5m), new OrderBookLevel(64212.5m, 0m)), (book.IsReset, Assert.Single(book.Bids), Assert.Single(book.Asks)));
        Assert.Equal(0, Failures(session.Statistics));
    }

    [Fact]
    public async Task NewsDispatcher_Article_ArrivesWithItsSymbolList()
    {
        await using var connection = new FakeConnection();
        await using var news = StreamRouter.Acquire(connection, AlpacaNewsStream.Protocol, StreamOptions.Default);
        await using var articles = await DispatchProbe.OpenAllAsync<NewsArticle>(news, "n");

        connection.Push("""[{"T":"n","id":38540211,"headline":"Apple beats estimates","created_at":"2024-05-02T20:31:00Z","symbols":["AAPL","MSFT"],"source":"benzinga"}]""");

        var article = await articles.NextAsync();
        Assert.Equal((38540211L, "Apple beats estimates", "benzinga"), (article.Id, article.Headline, article.Source));
        Assert.Equal<string>(["AAPL", "MSFT"], article.Symbols);
    }

    [Fact]
    public async Task StocksDispatcher_UnknownTypeAndUndecodableMessage_AreCountedAndTheRestDelivered()
    {
        await using var connection = new FakeConnection();
        await using var stocks = StreamRouter.Acquire(connection, AlpacaStockStream.Protocol, StreamOptions.Default);
        var errors = new ConcurrentQueue<StreamErrorEventArgs>();
        stocks.Error += (_, e) => errors.Enqueue(e);
        await using var trades = await DispatchProbe.OpenAllAsync<StockTrade>(stocks, "t");

        // An order book is a crypto message: on the stocks stream its code is unknown, like any other.
        connection.Push("""[{"T":"zz","S":"AAPL"},{"T":"o","S":"BTC/USD"},{"T":"t","S":"AAPL","p":"abc"},{"T":"t","future":{"nested":[1]},"S":"KO","p":2}]""");

        var trade = await trades.NextAsync();
        Assert.Equal(("KO", 2m), (trade.Symbol, trade.Price));
        var statistics = stocks.Statistics;
        Assert.Equal((2L, 1L), (statistics.UnrecognizedMessages, statistics.DecodeFailures));
        var decodeFailure = Assert.Single(errors, e => e.Kind == StreamErrorKind.DecodeFailed);
        Assert.Contains("a number", Assert.IsType<WebsocketProxy.Alpaca.Decoding.AlpacaDecodeException>(decodeFailure.Exception).Message, StringComparison.Ordinal);
    }

    private static TResult Pick<T, TResult>(T value, Func<T, TResult> select) => select(value);

    private static long Failures(StreamRouterStatistics statistics) =>
        statistics.MalformedFrames + statistics.MalformedMessages + statistics.UnrecognizedMessages + statistics.DecodeFailures;
}
