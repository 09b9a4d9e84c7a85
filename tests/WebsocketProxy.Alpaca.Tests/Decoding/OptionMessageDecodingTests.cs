using System.Text;
using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Alpaca.Simulator.Market;
using WebsocketProxy.Alpaca.Simulator.Protocol;
using WebsocketProxy.Alpaca.Streams;
using WebsocketProxy.Alpaca.Tests.Streams;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

/// <summary>Option trades and quotes: the stock field set without id nor tape, and <c>c</c> one string, not a list.</summary>
public sealed class OptionMessageDecodingTests
{
    private const long Nanos = 1_733_149_862_123_456_789; // 2024-12-02T14:31:02.123456789Z
    private const string TradeJson = """{"T":"t","S":"AAPL241220C00200000","t":"2024-12-02T14:31:02.123456789Z","p":2.84,"s":7,"x":"C","c":"I"}""";
    private const string QuoteJson = """{"T":"q","S":"SPXW241220P05900000","t":"2024-12-02T14:31:02.125000417Z","bx":"C","bp":9.45,"bs":53,"ax":"X","ap":9.65,"as":38,"c":" "}""";

    [Fact]
    public void Read_OptionTradeSample_ReadsEveryField()
    {
        var trade = JsonDecoding.Read(OptionTradeDecoder.Read, TradeJson);

        Assert.Equal(("AAPL241220C00200000", "C", 2.84m, 7L, "I"), (trade.Symbol, trade.Exchange, trade.Price, trade.Size, trade.Condition));
        Assert.Equal("2024-12-02T14:31:02.123456789Z", trade.Timestamp.ToString());
        Assert.Equal(AlpacaMessageType.OptionTrade, trade.MessageType);
    }

    [Fact]
    public void Read_OptionQuoteSample_ReadsEveryField()
    {
        var quote = JsonDecoding.Read(OptionQuoteDecoder.Read, QuoteJson);

        Assert.Equal(("SPXW241220P05900000", "C", 9.45m, 53L), (quote.Symbol, quote.BidExchange, quote.BidPrice, quote.BidSize));
        Assert.Equal(("X", 9.65m, 38L, " "), (quote.AskExchange, quote.AskPrice, quote.AskSize, quote.Condition));
        Assert.Equal(125_000_417, quote.Timestamp.Nanosecond);
        Assert.Equal(AlpacaMessageType.OptionQuote, quote.MessageType);
    }

    [Fact]
    public void Read_OptionTradeWithUnknownFieldsAndNoCondition_SkipsThemAndConditionIsEmpty()
    {
        var trade = JsonDecoding.Read(OptionTradeDecoder.Read,
            """{"T":"t","later":{"a":[1,{"b":2}]},"S":"AAPL241220C00200000","p":2.84,"s":7,"x":"C","i":12,"t":"2024-12-02T14:31:02Z"}""");

        Assert.Equal(("AAPL241220C00200000", 2.84m, string.Empty), (trade.Symbol, trade.Price, trade.Condition));
    }

    [Fact]
    public void Read_OptionQuoteWithoutSymbol_FailsNamingTheField()
    {
        var error = JsonDecoding.Fails(OptionQuoteDecoder.Read, """{"T":"q","bp":1.5,"ap":1.6,"t":"2024-12-02T14:31:02Z"}""");
        Assert.Contains("'S'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OptionTradeWithStockStyleConditionList_FailsClearly()
    {
        // A list where the option stream sends one string is a decode failure the router counts, never a crash.
        JsonDecoding.Fails(OptionTradeDecoder.Read, """{"T":"t","S":"AAPL241220C00200000","p":2.84,"s":7,"c":["I"],"t":"2024-12-02T14:31:02Z"}""");
    }

    [Theory]
    [InlineData(2.84, "I")]
    [InlineData(0.01, "S")]
    [InlineData(187.63999999999999, "I")]
    public void Read_SimulatorOptionMessagesInBothCodecs_SameModels(double price, string condition)
    {
        using var encoder = new MessageEncoder { PackEnabled = true };
        var context = new AlpacaDecodeContext();
        var trade = MarketMessages.OptionTrade(encoder, "AAPL241220C00200000", "C", price, 7, condition, Nanos);
        var quote = MarketMessages.OptionQuote(encoder, "AAPL241220C00200000", "C", price, 53, "X", price + 0.05, 38, " ", Nanos);

        var tradeFromJson = JsonDecoding.Read(OptionTradeDecoder.Read, Encoding.UTF8.GetString(encoder.Json(trade)), context);
        var tradeFromPack = OptionTradeDecoder.Read(encoder.Pack(trade), out var tradeLength, context);
        var quoteFromJson = JsonDecoding.Read(OptionQuoteDecoder.Read, Encoding.UTF8.GetString(encoder.Json(quote)), context);
        var quoteFromPack = OptionQuoteDecoder.Read(encoder.Pack(quote), out var quoteLength, context);

        Assert.Equal((tradeFromJson, encoder.Pack(trade).Length), (tradeFromPack, tradeLength));
        Assert.Equal((quoteFromJson, encoder.Pack(quote).Length), (quoteFromPack, quoteLength));
        Assert.Equal((condition, 123_456_789), (tradeFromPack.Condition, tradeFromPack.Timestamp.Nanosecond));
        Assert.Equal(" ", quoteFromPack.Condition);
    }

    [Fact]
    public async Task OptionsDispatcher_FrameOfTradesAndQuotes_EachArrivesAsItsOptionModel()
    {
        await using var connection = new FakeConnection();
        await using var router = StreamRouter.Acquire(connection, AlpacaOptionsStream.Protocol, StreamOptions.Default);
        await using var trades = await DispatchProbe.OpenAllAsync<OptionTrade>(router, "t");
        await using var quotes = await DispatchProbe.OpenAllAsync<OptionQuote>(router, "q");

        connection.Push($"[{TradeJson},{QuoteJson}]");

        Assert.Equal("I", (await trades.NextAsync()).Condition);
        Assert.Equal(9.65m, (await quotes.NextAsync()).AskPrice);
        var statistics = router.Statistics;
        Assert.Equal(0, statistics.MalformedFrames + statistics.MalformedMessages + statistics.UnrecognizedMessages + statistics.DecodeFailures);
    }
}
