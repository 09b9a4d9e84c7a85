using System.Buffers;
using MessagePack;
using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Alpaca.Streams;
using WebsocketProxy.Alpaca.Tests.Streams;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

/// <summary>Option trades and quotes: the stock field set without id nor tape, and <c>c</c> one string, not a list.</summary>
public sealed class OptionMessageDecodingTests
{
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

    [Fact]
    public void Read_MessagePackOptionMessages_SameModelsAsFromJson()
    {
        var tradeReader = new MessagePackFieldReader(Pack(TradeJson), new AlpacaDecodeContext());
        var trade = OptionTradeDecoder.Read(ref tradeReader);
        var quoteReader = new MessagePackFieldReader(Pack(QuoteJson), new AlpacaDecodeContext());
        var quote = OptionQuoteDecoder.Read(ref quoteReader);

        Assert.Equal(JsonDecoding.Read(OptionTradeDecoder.Read, TradeJson), trade);
        Assert.Equal(JsonDecoding.Read(OptionQuoteDecoder.Read, QuoteJson), quote);
        Assert.Equal(123_456_789, trade.Timestamp.Nanosecond);
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

    /// <summary>The JSON message as Alpaca sends it over MessagePack: the same map, <c>t</c> as timestamp extension -1.</summary>
    private static ReadOnlyMemory<byte> Pack(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(document.RootElement.EnumerateObject().Count());
        foreach (var property in document.RootElement.EnumerateObject())
        {
            writer.Write(property.Name);
            if (property.Name == "t")
            {
                var body = new byte[12];
                var length = MessagePackTimestamp.Write(AlpacaTimestamp.Parse(property.Value.GetString()!), body);
                writer.WriteExtensionFormatHeader(new ExtensionHeader(MessagePackTimestamp.ExtensionType, length));
                writer.WriteRaw(body.AsSpan(0, length));
            }
            else if (property.Value.ValueKind == System.Text.Json.JsonValueKind.String)
            {
                writer.Write(property.Value.GetString());
            }
            else if (property.Value.TryGetInt64(out var integer))
            {
                writer.Write(integer);
            }
            else
            {
                writer.Write(property.Value.GetDouble());
            }
        }

        writer.Flush();
        return buffer.WrittenMemory;
    }
}
