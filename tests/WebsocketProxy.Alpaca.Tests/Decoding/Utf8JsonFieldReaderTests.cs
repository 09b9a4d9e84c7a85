using System.Text;
using System.Text.Json;
using WebsocketProxy.Alpaca.Decoding;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

/// <summary>
/// The hand-written span scanner the generated dispatcher decodes with (<c>ReadJson</c>): every edge of JSON it
/// handles, checked against the <see cref="Utf8JsonReader"/> path where both accept the text (JsonDecoding.Read runs
/// both and compares), and on its own for what only it does (lengths, truncation, malformed text).
/// </summary>
public sealed class Utf8JsonFieldReaderTests
{
    private const string Trade =
        """{"T":"t","S":"AAPL","i":52983525029461,"x":"V","p":189.42,"s":100,"c":["@"],"z":"C","t":"2024-05-01T14:31:02.123456789Z"}""";

    private readonly AlpacaDecodeContext _context = new();

    [Fact]
    public void ReadJson_EscapedNamesAndValues_Unescaped()
    {
        var trade = JsonDecoding.Read(StockTradeDecoder.Read,
            """{"T":"t","\u0053":"\u0041APL","x":"\/V","p":1,"s":1,"c":["\u0040","\u00e9\t"],"z":"C","t":"2024-05-01T14:31:02\u002e5Z","note":"skip \"me\" \\ \ud83d\udcc8"}""",
            _context);

        Assert.Equal("AAPL", trade.Symbol);
        Assert.Equal("/V", trade.Exchange);
        Assert.Equal<string>(["@", "é\t"], trade.Conditions);
        Assert.Equal(500_000_000, trade.Timestamp.Nanosecond);
    }

    [Theory]
    [InlineData("1.8942e2", "189.42")]
    [InlineData("18942E-2", "189.42")]
    [InlineData("1.5E+3", "1500")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("-12", "-12")]
    [InlineData("0", "0")]
    [InlineData("0.000000001", "0.000000001")]
    [InlineData("12345678901234567890.5", "12345678901234567890.5")]
    [InlineData("\"189.42\"", "189.42")]
    [InlineData("null", "0")]
    public void ReadJson_Prices_ExactDecimal(string price, string expected)
    {
        var trade = JsonDecoding.Read(StockTradeDecoder.Read, Trade.Replace("189.42", price, StringComparison.Ordinal), _context);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), trade.Price);
    }

    [Theory]
    [InlineData("-3", -3L)]
    [InlineData("0", 0L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("null", 0L)]
    public void ReadJson_Sizes_Int64(string size, long expected)
    {
        var trade = JsonDecoding.Read(StockTradeDecoder.Read, Trade.Replace("\"s\":100", "\"s\":" + size, StringComparison.Ordinal), _context);

        Assert.Equal(expected, trade.Size);
    }

    [Fact]
    public void ReadJson_NullsAndEmptyArrays_ReadAsEmptyValues()
    {
        var trade = JsonDecoding.Read(StockTradeDecoder.Read,
            """{"T":"t","S":"AAPL","i":null,"x":null,"p":1,"s":1,"c":null,"z":"C","t":null}""", _context);
        var empty = JsonDecoding.Read(StockTradeDecoder.Read, """{"S":"AAPL","c":[]}""", _context);

        Assert.Equal((0L, string.Empty, default(AlpacaTimestamp)), (trade.Id, trade.Exchange, trade.Timestamp));
        Assert.Empty(trade.Conditions);
        Assert.Empty(empty.Conditions);
    }

    [Fact]
    public void ReadJson_ReorderedUnknownFieldsAndWhitespace_SameModel()
    {
        const string Spread = """
             {
               "future" : { "nested" : [ 1 , -2.5e-3 , "x" , true , false , null , { } , [ ] ] } ,
               "t" :	"2024-05-01T14:31:02.123456789Z" , "z" : "C" , "c" : [ "@" ] , "s" : 100 ,
               "p" : 189.42 , "x" : "V" , "i" : 52983525029461 , "S" : "AAPL" , "T" : "t"
             }
            """;

        var spread = JsonDecoding.Read(StockTradeDecoder.Read, Spread, _context);

        Assert.Equal(JsonDecoding.Read(StockTradeDecoder.Read, Trade, _context), spread);
    }

    [Fact]
    public void ReadJson_ObjectFollowedByTheFrame_ConsumesExactlyTheObject()
    {
        var frame = Encoding.UTF8.GetBytes(Trade + """ , {"T":"q"}]""");

        var trade = StockTradeDecoder.ReadJson(frame, out var consumed, _context);

        Assert.Equal(Trade.Length, consumed);
        Assert.Equal(189.42m, trade.Price);
    }

    [Fact]
    public void ReadJson_EveryTruncation_FailsClearly()
    {
        var bytes = Encoding.UTF8.GetBytes(Trade);
        for (var length = 0; length < bytes.Length; length++)
        {
            var cut = bytes[..length];

            var error = Record.Exception(() => StockTradeDecoder.ReadJson(cut, out _, _context));

            Assert.True(error is AlpacaDecodeException or JsonException, $"A message cut at {length} bytes gave {error?.GetType().Name ?? "a model"}.");
        }
    }

    [Theory]
    [InlineData("""{"S":"AAPL","p":007}""")]
    [InlineData("""{"S":"AAPL","p":1.}""")]
    [InlineData("""{"S":"AAPL","p":.5}""")]
    [InlineData("""{"S":"AAPL","p":+1}""")]
    [InlineData("""{"S":"AAPL","p":1e}""")]
    [InlineData("""{"S":"AAPL","p":12a}""")]
    [InlineData("""{"S":"AAPL","p":1e400}""")]
    [InlineData("""{"S":"AAPL","s":1.5}""")]
    [InlineData("""{"S":"AAPL","s":1e2}""")]
    [InlineData("""{"S":"AAPL","s":99999999999999999999}""")]
    [InlineData("""{"S":"AAPL","s":"100"}""")]
    [InlineData("""{"S":"AAPL","x":1}""")]
    [InlineData("""{"S":"AAPL","c":"@"}""")]
    [InlineData("""{"S":"AAPL","c":[1]}""")]
    [InlineData("""{"S":"AAPL","t":"yesterday"}""")]
    [InlineData("""{"S":"AAPL","future":tru}""")]
    [InlineData("""{"S":"AAPL","future":nul}""")]
    [InlineData("""{"S":"AAPL","future":[1,]}""")]
    [InlineData("""{"S":"AAPL","future":{"a" 1}}""")]
    [InlineData("""{"S":"AAPL","future":{"a":1,}}""")]
    [InlineData("""{"S":"AAPL",}""")]
    [InlineData("""{"S":"AAPL" "p":1}""")]
    [InlineData("""{"S":"AAPL",,"p":1}""")]
    [InlineData("""{S:"AAPL"}""")]
    [InlineData("""{"S":"AA\xPL"}""")]
    [InlineData("""{"S":"AA\u00"}""")]
    [InlineData("{\"S\":\"AA\tPL\"}")]
    [InlineData("""{"S":"AAPL"]""")]
    [InlineData("""["S","AAPL"]""")]
    [InlineData("""{"p":1}""")]
    public void ReadJson_Malformed_FailsClearly(string message)
    {
        var error = Record.Exception(() => StockTradeDecoder.ReadJson(Encoding.UTF8.GetBytes(message), out _, _context));

        Assert.True(error is AlpacaDecodeException or JsonException, $"{message} gave {error?.GetType().Name ?? "a model"}.");
        Assert.False(string.IsNullOrWhiteSpace(error!.Message));
    }

    [Fact]
    public void ReadJson_InvalidUtf8InASymbol_FailsRatherThanReplacing()
    {
        var message = Encoding.UTF8.GetBytes("""{"S":"AAPL"}""");
        message[7] = 0xff;

        Assert.ThrowsAny<ArgumentException>(() => StockTradeDecoder.ReadJson(message, out _, _context));
    }

    [Fact]
    public void ReadJson_UnknownValueNestedTooDeep_Fails()
    {
        var message = """{"S":"AAPL","future":""" + new string('[', 100) + new string(']', 100) + "}";

        Assert.Throws<JsonException>(() => StockTradeDecoder.ReadJson(Encoding.UTF8.GetBytes(message), out _, _context));
    }

    [Fact]
    public void ReadJson_QuoteAndBar_AllocateOnlyTheModel()
    {
        var quote = Encoding.UTF8.GetBytes("""{"T":"q","S":"AAPL","bx":"Q","bp":189.41,"bs":2,"ax":"P","ap":189.43,"as":3,"c":["R"],"z":"C","t":"2024-05-01T14:31:02.125000417Z"}""");
        var bar = Encoding.UTF8.GetBytes("""{"T":"b","S":"AAPL","o":189.30,"h":189.55,"l":189.22,"c":189.42,"v":48213,"n":512,"vw":189.4011,"t":"2024-05-01T14:30:00Z"}""");
        for (var warm = 0; warm < 100; warm++)
        {
            StockQuoteDecoder.ReadJson(quote, out _, _context);
            StockBarDecoder.ReadJson(bar, out _, _context);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        StockQuoteDecoder.ReadJson(quote, out _, _context);
        var quoteBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        StockBarDecoder.ReadJson(bar, out _, _context);
        var barBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal((120L, 144L), (quoteBytes, barBytes));
    }
}
