using System.Net.WebSockets;
using WebsocketProxy.Client;
using WebsocketProxy.Streaming.Tests.Protocols;
using WebsocketProxy.Streaming.Tests.Support;

namespace WebsocketProxy.Streaming.Tests;

/// <summary>Generated dispatchers of the test protocols routing real frames to typed streams.</summary>
public sealed class DispatchTests
{
    [Fact]
    public async Task Bars_MixedFrame_YieldsOnlyTheRequestedSymbolAndType()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);
        await using var bars = new StreamProbe<Bar>(ct => stocks.Bars("AAPL", ct)).Start();
        await connection.NextIs(true, "bars", "AAPL");

        connection.Push("""[{"T":"b","S":"MSFT","c":410.2,"t":"x"},{"T":"t","S":"AAPL","p":1,"s":1},{"T":"b","S":"AAPL","c":189.42,"t":"2024-05-01T14:30:00Z"}]""");

        Assert.Equal(new Bar("AAPL", 189.42m, "2024-05-01T14:30:00Z"), await bars.NextAsync());
    }

    [Fact]
    public async Task Statistics_FramesFromTheReader_CountsEveryFrameAndEveryDelivery()
    {
        // The frame and delivery counters have one writer, the frame reader: plain increments, exact in the end.
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);
        await using var bars = new StreamProbe<Bar>(ct => stocks.Bars("AAPL", ct)).Start();
        await connection.NextIs(true, "bars", "AAPL");

        for (var i = 0; i < 100; i++)
        {
            connection.Push($$"""[{"T":"b","S":"AAPL","c":{{i}},"t":"t"},{"T":"b","S":"MSFT","c":1,"t":"t"},{"T":"b","S":"AAPL","c":{{i}},"t":"u"}]""");
        }

        for (var i = 0; i < 200; i++)
        {
            await bars.NextAsync();
        }

        Assert.Equal(100, stocks.Router.Statistics.Frames);
        Assert.Equal(200, stocks.Router.Statistics.Delivered);
    }

    [Fact]
    public async Task Bars_DiscriminatorAfterOtherFields_IsDecodedFromTheCheckpoint()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);
        await using var bars = new StreamProbe<Bar>(ct => stocks.Bars("AAPL", ct)).Start();
        await connection.NextIs(true, "bars", "AAPL");

        connection.Push("""{"c":1.5,"o":{"nested":[1,2]},"S":"AAPL","t":"late","T":"b"}""");

        Assert.Equal(new Bar("AAPL", 1.5m, "late"), await bars.NextAsync());
    }

    [Fact]
    public async Task Corrections_ShareTheTradesSubscription_AndGetOnlyTheirTypeCode()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);
        await using var trades = new StreamProbe<Trade>(ct => stocks.Trades("AAPL", ct)).Start();
        await connection.NextIs(true, "trades", "AAPL");
        await using var corrections = new StreamProbe<TradeCorrection>(ct => stocks.Corrections("AAPL", ct)).Start();

        connection.Push("""[{"T":"c","S":"AAPL","cp":189.40},{"T":"t","S":"AAPL","p":189.42,"s":100}]""");

        Assert.Equal(new Trade("AAPL", 189.42m, 100), await trades.NextAsync());
        Assert.Equal(new TradeCorrection("AAPL", 189.40m), await corrections.NextAsync());
        Assert.Single(connection.Calls);
    }

    [Fact]
    public async Task AllDailyBars_Wildcard_YieldsEverySymbol()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);
        await using var daily = new StreamProbe<Bar>(ct => stocks.AllDailyBars(null, ct)).Start();
        await connection.NextIs(true, "dailyBars", "*");

        connection.Push("""[{"T":"d","S":"MSFT","c":1,"t":""},{"T":"d","S":"AAPL","c":2,"t":""}]""");

        Assert.Equal("MSFT", (await daily.NextAsync()).Symbol);
        Assert.Equal("AAPL", (await daily.NextAsync()).Symbol);
    }

    [Fact]
    public async Task OnQuote_Callback_ReceivesValuesDecodedByTheClassDecoder()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await stocks.OnQuote("AAPL", received.SetResult).Within();

        connection.Push("""[{"T":"q","S":"AAPL","bp":189.41,"ap":189.43}]""");

        Assert.Equal("189.41", await received.Task.Within());
    }

    [Fact]
    public async Task ExchangeTicker_NonAlpacaProtocol_RoutesByProductIdWithTypeLast()
    {
        await using var connection = new FakeProxyConnection();
        await using var exchange = new ExchangeStream(connection);
        await using var ticks = new StreamProbe<Tick>(ct => exchange.Ticker(["BTC-USD", "ETH-USD"], ct)).Start();
        await connection.NextIs(true, "ticker", "BTC-USD", "ETH-USD");

        connection.Push("""{"product_id":"SOL-USD","price":"150.1","sequence":1,"type":"ticker"}""");
        connection.Push("""{"price":"64210.50","sequence":2,"product_id":"BTC-USD","type":"ticker"}""");
        connection.Push("""{"type":"match","product_id":"ETH-USD","price":"1","sequence":3}""");
        connection.Push("""{"type":"ticker","product_id":"ETH-USD","price":"3100","sequence":4}""");

        Assert.Equal(new Tick("BTC-USD", 64210.50m, 2), await ticks.NextAsync());
        Assert.Equal(new Tick("ETH-USD", 3100m, 4), await ticks.NextAsync());
    }

    [Fact]
    public async Task News_ProtocolWithoutSymbolField_SubscribesStarAndYieldsEveryMessage()
    {
        await using var connection = new FakeProxyConnection();
        await using var news = new NewsStream(connection);
        await using var headlines = new StreamProbe<Headline>(news.News).Start();
        await connection.NextIs(true, "news", "*");

        connection.Push("""[{"T":"n","id":7,"headline":"Apple beats estimates","symbols":["AAPL"]}]""");

        Assert.Equal(new Headline(7, "Apple beats estimates"), await headlines.NextAsync());
    }

    [Fact]
    public async Task BinaryFrames_GoThroughTheProtocolsBinaryDispatcher_ToTheSameListeners()
    {
        await using var connection = new FakeProxyConnection();
        await using var pipe = new PipeStream(connection);
        await using var bars = new StreamProbe<Bar>(ct => pipe.Bars("AAPL", ct)).Start();
        await connection.NextIs(true, "bars", "AAPL");

        connection.Push(new ProxyFrame(ProxyFrameKind.Data, connection.Id, "x|AAPL|0\nb|MSFT|1\nb|AAPL|2.5"u8.ToArray(), WebSocketMessageType.Binary));
        connection.Push("""[{"T":"b","S":"AAPL","c":3,"t":"json"}]""");

        Assert.Equal(new Bar("AAPL", 2.5m, "binary"), await bars.NextAsync());
        Assert.Equal(new Bar("AAPL", 3m, "json"), await bars.NextAsync());
        Assert.Equal(1, pipe.Router.Statistics.UnrecognizedMessages);
    }

    [Fact]
    public async Task BinaryFrame_WithoutBinaryDispatcher_IsReportedAndSkipped()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);
        await using var bars = new StreamProbe<Bar>(ct => stocks.Bars("AAPL", ct)).Start();
        await connection.NextIs(true, "bars", "AAPL");

        connection.Push(new ProxyFrame(ProxyFrameKind.Data, connection.Id, new byte[] { 0x91, 0x80 }, WebSocketMessageType.Binary));
        connection.Push("""[{"T":"b","S":"AAPL","c":3,"t":"json"}]""");

        Assert.Equal(3m, (await bars.NextAsync()).Close);
        Assert.Equal(1, stocks.Router.Statistics.MalformedFrames);
    }

    [Fact]
    public async Task StreamMethods_InvalidSymbols_ThrowBeforeEnumerating()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);

        Assert.Throws<ArgumentException>(() => stocks.Bars(" "));
        Assert.Throws<ArgumentException>(() => stocks.UpdatedBars(["AAPL", "*"]));
        Assert.Throws<ArgumentException>(() => stocks.UpdatedBars([]));
        Assert.Throws<ArgumentNullException>(() => stocks.UpdatedBars(null!));
        Assert.Empty(connection.Calls);
    }
}
