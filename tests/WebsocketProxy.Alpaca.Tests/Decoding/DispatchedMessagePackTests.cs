using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Alpaca.Simulator.Market;
using WebsocketProxy.Alpaca.Simulator.Protocol;
using WebsocketProxy.Alpaca.Streams;
using WebsocketProxy.Alpaca.Tests.Streams;
using WebsocketProxy.Streaming;
using static WebsocketProxy.Alpaca.Tests.Decoding.MessagePackBytes;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

/// <summary>
/// MessagePack frames through the Alpaca streams' generated MessagePack dispatchers: the simulator's frame of every
/// message type, sent once as a JSON text frame and once as a MessagePack binary frame, gives the same models; unknown
/// types, control replies, undecodable messages and malformed frames are counted, never fatal.
/// </summary>
public sealed class DispatchedMessagePackTests : IDisposable
{
    private const long Nanos = 1_714_573_862_123_456_789;
    private readonly MessageEncoder _encoder = new() { PackEnabled = true };

    [Fact]
    public async Task StocksDispatcher_EveryMessageTypeInBothCodecs_SameModels()
    {
        await using var connection = new FakeConnection();
        await using var router = StreamRouter.Acquire(connection, AlpacaStockStream.Protocol, StreamOptions.Default);
        var bar = new BarAccumulator();
        bar.Reset(Nanos);
        bar.Add(189.42, 100);
        bar.Add(189.47, 25);
        var (json, pack) = Frame(
            MarketMessages.StockTrade(_encoder, "AAPL", 1, "V", 189.42, 100, "C", Nanos),
            MarketMessages.StockQuote(_encoder, "AAPL", "Q", 189.41, 2, "P", 189.43, 3, "C", Nanos),
            MarketMessages.Bar(_encoder, "b"u8, "AAPL", bar, fractionalVolume: false),
            MarketMessages.Bar(_encoder, "d"u8, "MSFT", bar, fractionalVolume: false),
            MarketMessages.Bar(_encoder, "u"u8, "IBM", bar, fractionalVolume: false),
            MarketMessages.Status(_encoder, "AAPL", "H", "Trading Halt", "T12", "halted", "C", Nanos),
            MarketMessages.Luld(_encoder, "AAPL", 198.89, 179.95, "C", Nanos),
            MarketMessages.Correction(_encoder, "AAPL", "V", 1, 189.42, 100, 2, 189.4, 100, "C", Nanos),
            MarketMessages.CancelError(_encoder, "AAPL", 1, "V", 189.42, 100, cancel: true, "C", Nanos),
            MarketMessages.Imbalance(_encoder, "AAPL", 189.5, "C", Nanos));

        await AssertSameAsync<StockTrade>(router, connection, "t", json, pack);
        await AssertSameAsync<StockQuote>(router, connection, "q", json, pack);
        await AssertSameAsync<StockBar>(router, connection, "b", json, pack);
        await AssertSameAsync<StockBar>(router, connection, "d", json, pack);
        await AssertSameAsync<StockBar>(router, connection, "u", json, pack);
        await AssertSameAsync<TradingStatus>(router, connection, "s", json, pack);
        await AssertSameAsync<LimitUpLimitDown>(router, connection, "l", json, pack);
        await AssertSameAsync<TradeCorrection>(router, connection, "c", json, pack);
        await AssertSameAsync<TradeCancel>(router, connection, "x", json, pack);
        await AssertSameAsync<OrderImbalance>(router, connection, "i", json, pack);
        Assert.Equal(0, Failures(router.Statistics));
    }

    [Fact]
    public async Task CryptoDispatcher_EveryMessageTypeInBothCodecs_SameModels()
    {
        await using var connection = new FakeConnection();
        await using var router = StreamRouter.Acquire(connection, AlpacaCryptoStream.Protocol, StreamOptions.Default);
        var bar = new BarAccumulator();
        bar.Reset(Nanos);
        bar.Add(64210.5, 0.0125);
        var (json, pack) = Frame(
            MarketMessages.CryptoTrade(_encoder, "BTC/USD", 7, 64210.5, 0.0125, buyerTook: true, Nanos),
            MarketMessages.CryptoQuote(_encoder, "BTC/USD", 64210.1, 0.25, 64212.4, 1.0005, Nanos),
            MarketMessages.Bar(_encoder, "b"u8, "BTC/USD", bar, fractionalVolume: true),
            MarketMessages.OrderBook(_encoder, "BTC/USD", Nanos, [(64210, 0.5)], [(64212.5, 0)], reset: true));

        await AssertSameAsync<CryptoTrade>(router, connection, "t", json, pack);
        await AssertSameAsync<CryptoQuote>(router, connection, "q", json, pack);
        await AssertSameAsync<CryptoBar>(router, connection, "b", json, pack);
        await AssertSameAsync<CryptoOrderBook>(router, connection, "o", json, pack);
        Assert.Equal(0, Failures(router.Statistics));
    }

    [Fact]
    public async Task NewsDispatcher_ArticleInBothCodecs_SameModel()
    {
        await using var connection = new FakeConnection();
        await using var router = StreamRouter.Acquire(connection, AlpacaNewsStream.Protocol, StreamOptions.Default);
        var (json, pack) = Frame(MarketMessages.News(_encoder, new NewsItem(38540211, "Apple beats estimates", "s", "a", Nanos, Nanos, "https://example.com/1", "<p>c</p>", ["AAPL", "MSFT"], "benzinga")));

        await AssertSameAsync<NewsArticle>(router, connection, "n", json, pack);
    }

    [Fact]
    public async Task StocksDispatcher_MessagePackControlUnknownAndBrokenMessages_CountedAndTheRestDelivered()
    {
        await using var connection = new FakeConnection();
        var control = new ConcurrentQueue<(StreamWireFormat Format, string? TypeCode, int Length)>();
        var options = StreamOptions.Default with
        {
            ControlMessageHandler = message =>
            {
                control.Enqueue((message.Format, message.TypeCode, message.MessagePack.Length));
                return message.TypeCode == "success";
            },
        };
        await using var router = StreamRouter.Acquire(connection, AlpacaStockStream.Protocol, options);
        var errors = new ConcurrentQueue<StreamErrorEventArgs>();
        router.Error += (_, e) => errors.Enqueue(e);
        await using var trades = await DispatchProbe.OpenAllAsync<StockTrade>(router, "t");
        var success = Map(Str("T"), Str("success"), Str("msg"), Str("authenticated"));

        connection.PushBinary([0x92, 0x82, 0xa1, (byte)'T']); // cut short
        connection.PushBinary(Array(MessagePackWidth.Sixteen,
            success,
            Map(Str("T"), Str("zz"), Str("S"), Str("AAPL")),
            Map(Str("T"), Str("t"), Str("S"), Str("AAPL"), Str("p"), Str("abc")),
            Str("not a map"),
            Map(Str("T"), Str("t"), Str("future"), Map(Str("nested"), Array(MessagePackWidth.Fix, [0x01])), Str("S"), Str("KO"), Str("p"), [0x02])));

        var trade = await trades.NextAsync();
        Assert.Equal(("KO", 2m), (trade.Symbol, trade.Price));
        var statistics = router.Statistics;
        Assert.Equal((1L, 1L, 1L, 1L), (statistics.MalformedFrames, statistics.MalformedMessages, statistics.UnrecognizedMessages, statistics.DecodeFailures));
        Assert.Equal([(StreamWireFormat.MessagePack, "success", success.Length), (StreamWireFormat.MessagePack, "zz", 13)], control);
        Assert.Contains(errors, e => e.Kind == StreamErrorKind.MalformedFrame && e.Message.Contains("not valid MessagePack", StringComparison.Ordinal));
    }

    public void Dispose() => _encoder.Dispose();

    private static async Task AssertSameAsync<T>(StreamRouter router, FakeConnection connection, string typeCode, byte[] json, byte[] pack)
    {
        await using var stream = await DispatchProbe.OpenAllAsync<T>(router, typeCode);
        connection.Push(json);
        var fromJson = await stream.NextAsync();
        connection.PushBinary(pack);
        var fromPack = await stream.NextAsync();

        Assert.Equal(JsonSerializer.Serialize(fromJson), JsonSerializer.Serialize(fromPack));
    }

    /// <summary>One frame of the messages in each codec, assembled as the simulator assembles its frames.</summary>
    private (byte[] Json, byte[] Pack) Frame(params EncodedMessage[] messages)
    {
        var json = "[" + string.Join(",", messages.Select(m => Encoding.UTF8.GetString(_encoder.Json(m)))) + "]";
        var header = new byte[5];
        var length = Simulator.Protocol.MessagePackBytes.ArrayHeader(header, messages.Length);
        byte[] pack = [.. header.AsSpan(0, length), .. messages.SelectMany(m => _encoder.Pack(m).ToArray())];
        return (Encoding.UTF8.GetBytes(json), pack);
    }

    private static long Failures(StreamRouterStatistics statistics) =>
        statistics.MalformedFrames + statistics.MalformedMessages + statistics.UnrecognizedMessages + statistics.DecodeFailures;
}
