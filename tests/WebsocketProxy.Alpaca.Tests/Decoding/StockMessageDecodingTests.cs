using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

public sealed class StockMessageDecodingTests
{
    private const AlpacaStreamKind Stocks = AlpacaStreamKind.Stocks;

    [Fact]
    public void Decode_TradeSample_ReadsEveryField()
    {
        var trade = FrameDecoding.Single<StockTrade>(Stocks,
            """[{"T":"t","S":"AAPL","i":52983525029461,"x":"V","p":189.42,"s":100,"c":["@"],"z":"C","t":"2024-05-01T14:31:02.123456789Z"}]""");

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
    public void Decode_QuoteSample_ReadsEveryField()
    {
        var quote = FrameDecoding.Single<StockQuote>(Stocks,
            """[{"T":"q","S":"AAPL","bx":"Q","bp":189.41,"bs":2,"ax":"P","ap":189.43,"as":3,"c":["R"],"z":"C","t":"2024-05-01T14:31:02.125000417Z"}]""");

        Assert.Equal(("AAPL", "Q", 189.41m, 2L), (quote.Symbol, quote.BidExchange, quote.BidPrice, quote.BidSize));
        Assert.Equal(("P", 189.43m, 3L), (quote.AskExchange, quote.AskPrice, quote.AskSize));
        Assert.Equal<string>(["R"], quote.Conditions);
        Assert.Equal("C", quote.Tape);
        Assert.Equal(125_000_417, quote.Timestamp.Nanosecond);
    }

    [Fact]
    public void Decode_TwoBarsInOneFrame_ReadsBothWithCloseNotConditions()
    {
        var result = FrameDecoding.Run(Stocks,
            """[{"T":"b","S":"AAPL","o":189.30,"h":189.55,"l":189.22,"c":189.42,"v":48213,"n":512,"vw":189.4011,"t":"2024-05-01T14:30:00Z"},{"T":"b","S":"MSFT","o":410.1,"h":410.5,"l":409.9,"c":410.2,"v":20110,"n":301,"vw":410.22,"t":"2024-05-01T14:30:00Z"}]""");

        Assert.Empty(result.Errors);
        var bars = result.Messages.Cast<StockBar>().ToList();
        Assert.Equal(2, bars.Count);
        Assert.Equal((BarKind.Minute, "AAPL", 189.30m, 189.55m, 189.22m, 189.42m), (bars[0].Kind, bars[0].Symbol, bars[0].Open, bars[0].High, bars[0].Low, bars[0].Close));
        Assert.Equal((48213L, 512L, 189.4011m), (bars[0].Volume, bars[0].TradeCount, bars[0].VolumeWeightedAveragePrice));
        Assert.Equal(("MSFT", 410.2m, 20110L), (bars[1].Symbol, bars[1].Close, bars[1].Volume));
        Assert.Equal("2024-05-01T14:30:00Z", bars[1].Timestamp.ToString());
    }

    [Theory]
    [InlineData("d", BarKind.Daily)]
    [InlineData("u", BarKind.Updated)]
    [InlineData("b", BarKind.Minute)]
    public void Decode_BarTypeCodes_SetKind(string code, BarKind kind)
    {
        var bar = FrameDecoding.Single<StockBar>(Stocks,
            $$"""[{"T":"{{code}}","S":"AAPL","o":1,"h":2,"l":0.5,"c":1.5,"v":10,"n":3,"vw":1.2,"t":"2024-05-01T14:30:00Z"}]""");

        Assert.Equal(kind, bar.Kind);
    }

    [Fact]
    public void Decode_StatusSample_ReadsEveryField()
    {
        var status = FrameDecoding.Single<TradingStatus>(Stocks,
            """[{"T":"s","S":"AAPL","sc":"H","sm":"Trading Halt","rc":"T12","rm":"Trading Halted; For information requested by NASDAQ","z":"C","t":"2024-05-01T15:00:00.000000001Z"}]""");

        Assert.Equal(("H", "Trading Halt", "T12"), (status.StatusCode, status.StatusMessage, status.ReasonCode));
        Assert.Equal("Trading Halted; For information requested by NASDAQ", status.ReasonMessage);
        Assert.Equal("C", status.Tape);
        Assert.Equal(1, status.Timestamp.Nanosecond);
    }

    [Fact]
    public void Decode_LuldSample_ReadsIndicatorAsString()
    {
        var luld = FrameDecoding.Single<LimitUpLimitDown>(Stocks,
            """[{"T":"l","S":"AAPL","u":198.89,"d":179.95,"i":"B","z":"C","t":"2024-05-01T14:35:00.5Z"}]""");

        Assert.Equal((198.89m, 179.95m, "B", "C"), (luld.LimitUpPrice, luld.LimitDownPrice, luld.Indicator, luld.Tape));
        Assert.Equal(500_000_000, luld.Timestamp.Nanosecond);
    }

    [Fact]
    public void Decode_CorrectionSample_ReadsOriginalAndCorrected()
    {
        var correction = FrameDecoding.Single<TradeCorrection>(Stocks,
            """[{"T":"c","S":"AAPL","x":"V","oi":52983525029461,"op":189.42,"os":100,"oc":["@"],"ci":52983525029999,"cp":189.40,"cs":100,"cc":["@"],"z":"C","t":"2024-05-01T14:31:05.2Z"}]""");

        Assert.Equal((52983525029461L, 189.42m, 100L), (correction.OriginalId, correction.OriginalPrice, correction.OriginalSize));
        Assert.Equal((52983525029999L, 189.40m, 100L), (correction.CorrectedId, correction.CorrectedPrice, correction.CorrectedSize));
        Assert.Equal<string>(["@"], correction.OriginalConditions);
        Assert.Equal<string>(["@"], correction.CorrectedConditions);
        Assert.Equal(("V", "C"), (correction.Exchange, correction.Tape));
    }

    [Fact]
    public void Decode_CancelSample_ReadsAction()
    {
        var cancel = FrameDecoding.Single<TradeCancel>(Stocks,
            """[{"T":"x","S":"AAPL","i":52983525029461,"x":"V","p":189.42,"s":100,"a":"C","z":"C","t":"2024-05-01T14:31:06.7Z"}]""");

        Assert.Equal((52983525029461L, "V", 189.42m, 100L), (cancel.Id, cancel.Exchange, cancel.Price, cancel.Size));
        Assert.Equal(TradeCancelAction.Cancel, cancel.Action);
        Assert.Equal("C", cancel.Tape);
    }

    [Fact]
    public void Decode_ImbalanceMessage_ReadsPriceAndTape()
    {
        var imbalance = FrameDecoding.Single<OrderImbalance>(Stocks,
            """[{"T":"i","S":"AAPL","p":189.5,"z":"C","t":"2024-05-01T19:50:00Z"}]""");

        Assert.Equal((189.5m, "C", "AAPL"), (imbalance.Price, imbalance.Tape, imbalance.Symbol));
    }

    [Fact]
    public void Decode_TradeWithoutOptionalFields_UsesEmptyValues()
    {
        var trade = FrameDecoding.Single<StockTrade>(Stocks, """[{"T":"t","S":"AAPL","p":1.5,"t":"2024-05-01T14:31:02Z"}]""");

        Assert.Equal(1.5m, trade.Price);
        Assert.Equal(0, trade.Id);
        Assert.Equal(string.Empty, trade.Exchange);
        Assert.True(trade.Conditions.IsEmpty);
        Assert.Equal(string.Empty, trade.Tape);
    }

    [Fact]
    public void Decode_NullOptionalFields_ReadAsEmpty()
    {
        var trade = FrameDecoding.Single<StockTrade>(Stocks, """[{"T":"t","S":"AAPL","x":null,"c":null,"p":null,"t":null}]""");

        Assert.Equal((string.Empty, 0m, AlpacaTimestamp.UnixEpoch), (trade.Exchange, trade.Price, trade.Timestamp));
        Assert.True(trade.Conditions.IsEmpty);
    }

    [Fact]
    public void Decode_UnknownExtraFields_AreSkipped()
    {
        var trade = FrameDecoding.Single<StockTrade>(Stocks,
            """[{"T":"t","future":{"nested":[1,{"a":2}]},"S":"AAPL","p":2,"extra":[["x"]],"t":"2024-05-01T14:31:02Z"}]""");

        Assert.Equal(("AAPL", 2m), (trade.Symbol, trade.Price));
    }

    [Fact]
    public void Decode_ManyConditions_BeyondCacheKey_StillDecoded()
    {
        var conditions = Enumerable.Range(0, 40).Select(i => $"condition-number-{i}").ToList();
        var json = string.Join(",", conditions.Select(c => $"\"{c}\""));

        var trade = FrameDecoding.Single<StockTrade>(Stocks, $$"""[{"T":"t","S":"AAPL","c":[{{json}}]}]""");

        Assert.Equal(conditions, trade.Conditions);
    }

    [Fact]
    public void Decode_EscapedStrings_AreUnescaped()
    {
        var trade = FrameDecoding.Single<StockTrade>(Stocks,
            """[{"T":"t","S":"AA\u0050L","c":["\u0040","I"],"t":"2024-05-01T14:31:02\u002E5Z"}]""");

        Assert.Equal("AAPL", trade.Symbol);
        Assert.Equal<string>(["@", "I"], trade.Conditions);
        Assert.Equal(500_000_000, trade.Timestamp.Nanosecond);
    }
}
