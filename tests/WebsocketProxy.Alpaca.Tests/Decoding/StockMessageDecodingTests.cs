using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

public sealed class StockMessageDecodingTests
{
    [Fact]
    public void Read_TradeSample_ReadsEveryField()
    {
        var trade = JsonDecoding.Read(StockTradeDecoder.Read,
            """{"T":"t","S":"AAPL","i":52983525029461,"x":"V","p":189.42,"s":100,"c":["@"],"z":"C","t":"2024-05-01T14:31:02.123456789Z"}""");

        Assert.Equal("AAPL", trade.Symbol);
        Assert.Equal(52983525029461, trade.Id);
        Assert.Equal("V", trade.Exchange);
        Assert.Equal(189.42m, trade.Price);
        Assert.Equal(100, trade.Size);
        Assert.Equal<string>(["@"], trade.Conditions);
        Assert.Equal("C", trade.Tape);
        Assert.Equal("2024-05-01T14:31:02.123456789Z", trade.Timestamp.ToString());
        Assert.Equal(AlpacaMessageType.StockTrade, trade.MessageType);
    }

    [Fact]
    public void Read_QuoteSample_ReadsEveryField()
    {
        var quote = JsonDecoding.Read(StockQuoteDecoder.Read,
            """{"T":"q","S":"AAPL","bx":"Q","bp":189.41,"bs":2,"ax":"P","ap":189.43,"as":3,"c":["R"],"z":"C","t":"2024-05-01T14:31:02.125000417Z"}""");

        Assert.Equal(("AAPL", "Q", 189.41m, 2L), (quote.Symbol, quote.BidExchange, quote.BidPrice, quote.BidSize));
        Assert.Equal(("P", 189.43m, 3L), (quote.AskExchange, quote.AskPrice, quote.AskSize));
        Assert.Equal<string>(["R"], quote.Conditions);
        Assert.Equal("C", quote.Tape);
        Assert.Equal(125_000_417, quote.Timestamp.Nanosecond);
    }

    [Fact]
    public void Read_BarSample_ReadsCloseNotConditions()
    {
        var bar = JsonDecoding.Read(StockBarDecoder.Read,
            """{"T":"b","S":"AAPL","o":189.30,"h":189.55,"l":189.22,"c":189.42,"v":48213,"n":512,"vw":189.4011,"t":"2024-05-01T14:30:00Z"}""");

        Assert.Equal((BarKind.Minute, "AAPL", 189.30m, 189.55m, 189.22m, 189.42m), (bar.Kind, bar.Symbol, bar.Open, bar.High, bar.Low, bar.Close));
        Assert.Equal((48213L, 512L, 189.4011m), (bar.Volume, bar.TradeCount, bar.VolumeWeightedAveragePrice));
        Assert.Equal("2024-05-01T14:30:00Z", bar.Timestamp.ToString());
    }

    [Theory]
    [InlineData("d", BarKind.Daily)]
    [InlineData("u", BarKind.Updated)]
    [InlineData("b", BarKind.Minute)]
    public void Read_BarTypeCodes_SetKind(string code, BarKind kind)
    {
        var bar = JsonDecoding.Read(StockBarDecoder.Read,
            $$"""{"T":"{{code}}","S":"AAPL","o":1,"h":2,"l":0.5,"c":1.5,"v":10,"n":3,"vw":1.2,"t":"2024-05-01T14:30:00Z"}""");

        Assert.Equal(kind, bar.Kind);
    }

    [Fact]
    public void Read_StatusSample_ReadsEveryField()
    {
        var status = JsonDecoding.Read(TradingStatusDecoder.Read,
            """{"T":"s","S":"AAPL","sc":"H","sm":"Trading Halt","rc":"T12","rm":"Trading Halted; For information requested by NASDAQ","z":"C","t":"2024-05-01T15:00:00.000000001Z"}""");

        Assert.Equal(("H", "Trading Halt", "T12"), (status.StatusCode, status.StatusMessage, status.ReasonCode));
        Assert.Equal("Trading Halted; For information requested by NASDAQ", status.ReasonMessage);
        Assert.Equal("C", status.Tape);
        Assert.Equal(1, status.Timestamp.Nanosecond);
    }

    [Fact]
    public void Read_LuldSample_ReadsIndicatorAsString()
    {
        var luld = JsonDecoding.Read(LimitUpLimitDownDecoder.Read,
            """{"T":"l","S":"AAPL","u":198.89,"d":179.95,"i":"B","z":"C","t":"2024-05-01T14:35:00.5Z"}""");

        Assert.Equal((198.89m, 179.95m, "B", "C"), (luld.LimitUpPrice, luld.LimitDownPrice, luld.Indicator, luld.Tape));
        Assert.Equal(500_000_000, luld.Timestamp.Nanosecond);
    }

    [Fact]
    public void Read_CorrectionSample_ReadsOriginalAndCorrected()
    {
        var correction = JsonDecoding.Read(TradeCorrectionDecoder.Read,
            """{"T":"c","S":"AAPL","x":"V","oi":52983525029461,"op":189.42,"os":100,"oc":["@"],"ci":52983525029999,"cp":189.40,"cs":100,"cc":["@"],"z":"C","t":"2024-05-01T14:31:05.2Z"}""");

        Assert.Equal((52983525029461L, 189.42m, 100L), (correction.OriginalId, correction.OriginalPrice, correction.OriginalSize));
        Assert.Equal((52983525029999L, 189.40m, 100L), (correction.CorrectedId, correction.CorrectedPrice, correction.CorrectedSize));
        Assert.Equal<string>(["@"], correction.OriginalConditions);
        Assert.Equal<string>(["@"], correction.CorrectedConditions);
        Assert.Equal(("V", "C"), (correction.Exchange, correction.Tape));
    }

    [Fact]
    public void Read_CancelSample_ReadsAction()
    {
        var cancel = JsonDecoding.Read(TradeCancelDecoder.Read,
            """{"T":"x","S":"AAPL","i":52983525029461,"x":"V","p":189.42,"s":100,"a":"C","z":"C","t":"2024-05-01T14:31:06.7Z"}""");

        Assert.Equal((52983525029461L, "V", 189.42m, 100L), (cancel.Id, cancel.Exchange, cancel.Price, cancel.Size));
        Assert.Equal(TradeCancelAction.Cancel, cancel.Action);
        Assert.Equal("C", cancel.Tape);
    }

    [Fact]
    public void Read_ImbalanceMessage_ReadsPriceAndTape()
    {
        var imbalance = JsonDecoding.Read(OrderImbalanceDecoder.Read,
            """{"T":"i","S":"AAPL","p":189.5,"z":"C","t":"2024-05-01T19:50:00Z"}""");

        Assert.Equal((189.5m, "C", "AAPL"), (imbalance.Price, imbalance.Tape, imbalance.Symbol));
    }

    [Fact]
    public void Read_TradeWithoutOptionalFields_UsesEmptyValues()
    {
        var trade = JsonDecoding.Read(StockTradeDecoder.Read, """{"T":"t","S":"AAPL","p":1.5,"t":"2024-05-01T14:31:02Z"}""");

        Assert.Equal(1.5m, trade.Price);
        Assert.Equal(0, trade.Id);
        Assert.Equal(string.Empty, trade.Exchange);
        Assert.True(trade.Conditions.IsEmpty);
        Assert.Equal(string.Empty, trade.Tape);
    }

    [Fact]
    public void Read_NullOptionalFields_ReadAsEmpty()
    {
        var trade = JsonDecoding.Read(StockTradeDecoder.Read, """{"T":"t","S":"AAPL","x":null,"c":null,"p":null,"t":null}""");

        Assert.Equal((string.Empty, 0m, AlpacaTimestamp.UnixEpoch), (trade.Exchange, trade.Price, trade.Timestamp));
        Assert.True(trade.Conditions.IsEmpty);
    }

    [Fact]
    public void Read_UnknownExtraFields_AreSkipped()
    {
        var trade = JsonDecoding.Read(StockTradeDecoder.Read,
            """{"T":"t","future":{"nested":[1,{"a":2}]},"S":"AAPL","p":2,"extra":[["x"]],"t":"2024-05-01T14:31:02Z"}""");

        Assert.Equal(("AAPL", 2m), (trade.Symbol, trade.Price));
    }

    [Fact]
    public void Read_ManyConditions_BeyondCacheKey_StillDecoded()
    {
        var conditions = Enumerable.Range(0, 40).Select(i => $"condition-number-{i}").ToList();
        var json = string.Join(",", conditions.Select(c => $"\"{c}\""));

        var trade = JsonDecoding.Read(StockTradeDecoder.Read, $$"""{"T":"t","S":"AAPL","c":[{{json}}]}""");

        Assert.Equal(conditions, trade.Conditions);
    }

    [Fact]
    public void Read_EscapedStrings_AreUnescaped()
    {
        var trade = JsonDecoding.Read(StockTradeDecoder.Read,
            """{"T":"t","S":"AA\u0050L","c":["\u0040","I"],"t":"2024-05-01T14:31:02\u002E5Z"}""");

        Assert.Equal("AAPL", trade.Symbol);
        Assert.Equal<string>(["@", "I"], trade.Conditions);
        Assert.Equal(500_000_000, trade.Timestamp.Nanosecond);
    }

    [Fact]
    public void Read_TypeAndSymbolAfterOtherFields_ReadsEveryField()
    {
        var trade = JsonDecoding.Read(StockTradeDecoder.Read, """{"p":189.42,"S":"AAPL","x":"V","T":"t","s":100,"t":"2024-05-01T14:31:02Z"}""");

        Assert.Equal(("AAPL", 189.42m, "V", 100L), (trade.Symbol, trade.Price, trade.Exchange, trade.Size));
    }

    [Fact]
    public void Read_EscapedFieldNames_AreMatched()
    {
        var trade = JsonDecoding.Read(StockTradeDecoder.Read, """{"\u0054":"t","p":1.5,"\u0053":"AAPL","\u0078":"V"}""");

        Assert.Equal(("AAPL", 1.5m, "V"), (trade.Symbol, trade.Price, trade.Exchange));
    }

    [Fact]
    public void Read_PriceAsNumericString_IsAccepted()
    {
        var trade = JsonDecoding.Read(StockTradeDecoder.Read, """{"T":"t","S":"KO","p":"3.5"}""");

        Assert.Equal(3.5m, trade.Price);
    }

    [Theory]
    [InlineData("""{"T":"t","S":"AAPL","p":"abc"}""", "a number")]
    [InlineData("""{"T":"t","S":"MSFT","p":2,"s":1.5}""", "an integer")]
    [InlineData("""{"T":"t","S":"IBM","t":"yesterday"}""", "RFC 3339")]
    [InlineData("""{"T":"t","S":"IBM","c":"@"}""", "an array")]
    [InlineData("""{"T":"t","S":"IBM","c":[1]}""", "a string element")]
    [InlineData("""{"T":"t","S":7}""", "a string")]
    public void Read_WrongValueType_ThrowsDecodeExceptionNamingWhatWasExpected(string message, string expected)
    {
        var error = JsonDecoding.Fails(StockTradeDecoder.Read, message);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingSymbol_ThrowsDecodeExceptionNamingTheField()
    {
        var error = JsonDecoding.Fails(StockTradeDecoder.Read, """{"T":"t","p":1}""");

        Assert.Contains("'S'", error.Message, StringComparison.Ordinal);
    }
}
