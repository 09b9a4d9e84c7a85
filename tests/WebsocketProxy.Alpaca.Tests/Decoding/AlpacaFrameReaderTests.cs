using System.Text;
using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

public sealed class AlpacaFrameReaderTests
{
    [Fact]
    public void MoveNext_TypeNotFirst_FindsTypeAndSymbolAndDecodesWholeElement()
    {
        var result = FrameDecoding.Run(AlpacaStreamKind.Stocks,
            """[{"p":189.42,"S":"AAPL","x":"V","T":"t","s":100,"t":"2024-05-01T14:31:02Z"},{"S":"MSFT","T":"q","bp":1,"ap":2}]""");

        Assert.Empty(result.Errors);
        var trade = Assert.IsType<StockTrade>(result.Messages[0]);
        Assert.Equal(("AAPL", 189.42m, "V", 100L), (trade.Symbol, trade.Price, trade.Exchange, trade.Size));
        var quote = Assert.IsType<StockQuote>(result.Messages[1]);
        Assert.Equal(("MSFT", 1m, 2m), (quote.Symbol, quote.BidPrice, quote.AskPrice));
    }

    [Fact]
    public void MoveNext_ExposesTypeAndSymbolBeforeDecoding()
    {
        var frame = """[{"T":"t","S":"AAPL","p":1},{"S":"MSFT","T":"b","c":2},{"T":"n","id":7},{"T":"success","msg":"connected"}]"""u8;
        var seen = new List<(string Type, string? Symbol, int Index)>();

        var reader = new AlpacaFrameReader(frame, new AlpacaDecodeContext());
        while (reader.MoveNext())
        {
            seen.Add((Encoding.UTF8.GetString(reader.TypeCode), reader.Symbol, reader.ElementIndex));
        }

        Assert.Equal([("t", "AAPL", 0), ("b", "MSFT", 1), ("n", null, 2), ("success", null, 3)], seen);
        Assert.Equal(0, reader.ErrorCount);
    }

    [Fact]
    public void TryDecode_OnlyWantedSymbols_SkipsTheRest()
    {
        var frame = """[{"T":"t","S":"AAPL","p":1},{"T":"t","S":"MSFT","p":2},{"T":"t","S":"AAPL","p":3}]"""u8;
        var prices = new List<decimal>();

        var reader = new AlpacaFrameReader(frame, new AlpacaDecodeContext());
        while (reader.MoveNext())
        {
            if (reader.Symbol == "AAPL" && reader.TryDecode<StockTradeDecoder, StockTrade>(out var trade))
            {
                prices.Add(trade.Price);
            }
        }

        Assert.Equal<decimal>([1m, 3m], prices);
    }

    [Fact]
    public void Decode_UnknownType_ReportedCountedAndRestOfFrameDecoded()
    {
        var result = FrameDecoding.Run(AlpacaStreamKind.Stocks,
            """[{"T":"zz","S":"AAPL","p":1},{"T":"o","S":"BTC/USD"},{"T":"t","S":"AAPL","p":2}]""");

        Assert.Equal(2, result.ErrorCount);
        Assert.All(result.Errors, error => Assert.Equal(AlpacaDecodeErrorKind.UnknownType, error.Kind));
        Assert.Equal(("zz", 0), (result.Errors[0].TypeCode, result.Errors[0].ElementIndex));
        Assert.Equal(2m, Assert.IsType<StockTrade>(Assert.Single(result.Messages)).Price);
    }

    [Fact]
    public void Decode_MalformedJsonMidFrame_KeepsEarlierMessagesAndReportsOnce()
    {
        var result = FrameDecoding.Run(AlpacaStreamKind.Stocks,
            """[{"T":"t","S":"AAPL","p":1},{"T":"t","S":"MSFT","p":2,,},{"T":"t","S":"IBM","p":3}]""");

        Assert.Equal("AAPL", Assert.IsType<StockTrade>(Assert.Single(result.Messages)).Symbol);
        var error = Assert.Single(result.Errors);
        Assert.Equal(AlpacaDecodeErrorKind.MalformedJson, error.Kind);
        Assert.Equal(1, result.ErrorCount);
    }

    [Fact]
    public void Decode_TruncatedFrame_ReportsMalformedJson()
    {
        var result = FrameDecoding.Run(AlpacaStreamKind.Stocks, """[{"T":"t","S":"AAPL","p":1},{"T":"t","S":"MS""");

        Assert.Single(result.Messages);
        Assert.Equal(AlpacaDecodeErrorKind.MalformedJson, Assert.Single(result.Errors).Kind);
    }

    [Fact]
    public void Decode_WrongValueType_SkipsOnlyThatElement()
    {
        var result = FrameDecoding.Run(AlpacaStreamKind.Stocks,
            """[{"T":"t","S":"AAPL","p":"abc"},{"T":"t","S":"MSFT","p":2,"s":1.5},{"T":"t","S":"IBM","t":"yesterday"},{"T":"t","S":"KO","p":"3.5"}]""");

        Assert.Equal("KO", Assert.IsType<StockTrade>(Assert.Single(result.Messages)).Symbol);
        Assert.Equal(3.5m, ((StockTrade)result.Messages[0]).Price);
        Assert.Equal([0, 1, 2], result.Errors.Select(e => e.ElementIndex));
        Assert.All(result.Errors, error => Assert.Equal(AlpacaDecodeErrorKind.InvalidMessage, error.Kind));
    }

    [Fact]
    public void Decode_MissingSymbol_ReportsInvalidMessage()
    {
        var result = FrameDecoding.Run(AlpacaStreamKind.Stocks, """[{"T":"t","p":1}]""");

        Assert.Empty(result.Messages);
        var error = Assert.Single(result.Errors);
        Assert.Equal(AlpacaDecodeErrorKind.InvalidMessage, error.Kind);
        Assert.Contains("'S'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ElementsWithoutType_ReportedAndSkipped()
    {
        var result = FrameDecoding.Run(AlpacaStreamKind.Stocks, """[{"S":"AAPL","p":1},42,{"T":7},[1],{"T":"t","S":"KO"}]""");

        Assert.Equal("KO", Assert.IsType<StockTrade>(Assert.Single(result.Messages)).Symbol);
        Assert.Equal(4, result.Errors.Count);
        Assert.All(result.Errors, error => Assert.Equal(AlpacaDecodeErrorKind.MissingType, error.Kind));
    }

    [Theory]
    [InlineData("""{"T":"t","S":"AAPL"}""")]
    [InlineData("42")]
    [InlineData("")]
    public void Decode_FrameNotAnArray_ReportsNotAnArray(string frame)
    {
        var result = FrameDecoding.Run(AlpacaStreamKind.Stocks, frame);

        Assert.Empty(result.Messages);
        Assert.Single(result.Errors);
    }

    [Fact]
    public void Decode_EmptyArray_NoMessagesNoErrors()
    {
        var result = FrameDecoding.Run(AlpacaStreamKind.Stocks, "[]");

        Assert.Empty(result.Messages);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void TryDecode_WithoutCurrentElement_Throws()
    {
        Assert.Throws<InvalidOperationException>(() =>
        {
            var reader = new AlpacaFrameReader("[]"u8, new AlpacaDecodeContext());
            reader.TryDecode<StockTradeDecoder, StockTrade>(out _);
        });
    }
}
