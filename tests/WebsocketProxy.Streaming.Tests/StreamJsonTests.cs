using System.Text;
using System.Text.Json;
using WebsocketProxy.Streaming.Tests.Protocols;
using WebsocketProxy.Streaming.Tests.Support;

namespace WebsocketProxy.Streaming.Tests;

/// <summary>The hand-written JSON scan the generated dispatchers and the frame reader use.</summary>
public sealed class StreamJsonTests
{
    [Theory]
    [InlineData("""{"T":"b","S":"AAPL","c":1}""", "b", "AAPL")]
    [InlineData("""{"c":{"T":"x","S":["y"]},"S":"AAPL","T":"b"}""", "b", "AAPL")]
    [InlineData(""" { "T" : "b" , "S" : "AAPL" } """, "b", "AAPL")]
    [InlineData("""{"\u0054":"\u0062","\u0053":"A\u0041PL"}""", "b", "AAPL")]
    [InlineData("""{"T":"b","S":"AAPL","rest":not json}""", "b", "AAPL")]
    public void ScanKeys_AnyOrderEscapesWhitespace_FindsTypeCodeAndSymbol(string json, string typeCode, string symbol)
    {
        StreamJson.ScanKeys(Encoding.UTF8.GetBytes(json), "T"u8, "S"u8, out var hasTypeCode, out var code, out var hasSymbol, out var value);

        Assert.True(hasTypeCode);
        Assert.True(hasSymbol);
        Assert.Equal(typeCode, Encoding.UTF8.GetString(code));
        Assert.Equal(symbol, Encoding.UTF8.GetString(value));
    }

    [Theory]
    [InlineData("""{"S":"AAPL"}""", false, "", true)]
    [InlineData("""{"T":1,"S":"AAPL"}""", true, "", true)]
    [InlineData("""{"T":"b","S":null}""", true, "b", false)]
    [InlineData("""{"T":"b"}""", true, "b", false)]
    [InlineData("""{}""", false, "", false)]
    public void ScanKeys_MissingOrNotStrings_Told(string json, bool expectTypeCode, string expectCode, bool expectSymbol)
    {
        StreamJson.ScanKeys(Encoding.UTF8.GetBytes(json), "T"u8, "S"u8, out var hasTypeCode, out var code, out var hasSymbol, out _);

        Assert.Equal((expectTypeCode, expectCode, expectSymbol), (hasTypeCode, Encoding.UTF8.GetString(code), hasSymbol));
    }

    [Fact]
    public void ScanKeys_WithoutSymbolField_StopsAtTheTypeCode()
    {
        StreamJson.ScanKeys(Encoding.UTF8.GetBytes("""{"type":"ticker","rest":oops"""), "type"u8, default, out var hasTypeCode, out var code, out var hasSymbol, out _);

        Assert.True(hasTypeCode);
        Assert.False(hasSymbol);
        Assert.Equal("ticker", Encoding.UTF8.GetString(code));
    }

    [Theory]
    [InlineData("""{"S":"AAPL","T":""")]
    [InlineData("""{"S":"AAPL" "T":"b"}""")]
    [InlineData("""{"S":01,"T":"b"}""")]
    [InlineData("""{"S":"AA""")]
    [InlineData("""["T","b"]""")]
    [InlineData("")]
    public void ScanKeys_MalformedBeforeTheKeys_Throws(string json)
    {
        Assert.Throws<JsonException>(() => StreamJson.ScanKeys(Encoding.UTF8.GetBytes(json), "T"u8, "S"u8, out _, out _, out _, out _));
    }

    [Theory]
    [InlineData("""{"a":[1,-2.5e+3,true,false,null,{"b":"\"}"}],"c":{}} ,{"next":1}]""", 52)]
    [InlineData("""{ }""", 3)]
    public void SkipObject_WellFormed_ReturnsItsLength(string json, int length)
    {
        Assert.Equal(length, StreamJson.SkipObject(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("""{"a":[1,]}""")]
    [InlineData("""{"a":01}""")]
    [InlineData("""{"a":"x""")]
    [InlineData("""{"a":truth}""")]
    [InlineData("""{"a" 1}""")]
    [InlineData("""{"a":1""")]
    public void SkipObject_Malformed_Throws(string json)
    {
        Assert.Throws<JsonException>(() => StreamJson.SkipObject(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public async Task Dispatch_WhitespaceAndEscapesAroundElements_EveryBarDelivered()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);
        await using var bars = new StreamProbe<Bar>(ct => stocks.Bars("AAPL", ct)).Start();
        await connection.NextIs(true, "bars", "AAPL");

        connection.Push("\r\n [ {\"T\":\"b\",\"S\":\"AAPL\",\"c\":1,\"t\":\"1\"} ,\n\t{\"\\u0054\":\"b\",\"S\":\"\\u0041APL\",\"c\":2,\"t\":\"2\"} ] \n");

        Assert.Equal(1m, (await bars.NextAsync()).Close);
        Assert.Equal(2m, (await bars.NextAsync()).Close);
        Assert.Equal(0, stocks.Router.Statistics.MalformedFrames);
    }

    [Fact]
    public async Task Dispatch_FrameBrokenAfterAnElement_EarlierDeliveredRestReported()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);
        await using var bars = new StreamProbe<Bar>(ct => stocks.Bars("AAPL", ct)).Start();
        await connection.NextIs(true, "bars", "AAPL");

        connection.Push("""[{"T":"b","S":"AAPL","c":1,"t":"1"} {"T":"b","S":"AAPL","c":9,"t":"9"}]""");
        connection.Push("""[{"T":"b","S":"MSFT","c":8,"x":[1,}]""");
        connection.Push("""[{"T":"b","S":"AAPL","c":2,"t":"2"}]""");

        Assert.Equal(1m, (await bars.NextAsync()).Close);
        Assert.Equal(2m, (await bars.NextAsync()).Close);
        Assert.Equal(2, stocks.Router.Statistics.MalformedFrames);
    }

    [Fact]
    public async Task Dispatch_ObjectWithoutTypeCodeMalformedFurtherOn_CountedOnceAsAMalformedFrame()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);
        await using var bars = new StreamProbe<Bar>(ct => stocks.Bars("AAPL", ct)).Start();
        await connection.NextIs(true, "bars", "AAPL");

        connection.Push("""[{"S":"AAPL","x":[1,}]""");
        connection.Push("""[{"T":"zz","x":[1,}]""");
        connection.Push("""[{"T":"b","S":"AAPL","c":2,"t":"2"}]""");

        Assert.Equal(2m, (await bars.NextAsync()).Close);
        var statistics = stocks.Router.Statistics;
        Assert.Equal((2L, 0L, 0L), (statistics.MalformedFrames, statistics.MalformedMessages, statistics.UnrecognizedMessages));
    }
}
