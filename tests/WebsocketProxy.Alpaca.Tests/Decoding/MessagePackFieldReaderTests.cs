using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;
using static WebsocketProxy.Alpaca.Tests.Decoding.MessagePackBytes;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

/// <summary>The MessagePack field reader on every width of every type it reads, timestamps, unknown fields and malformed input.</summary>
public sealed class MessagePackFieldReaderTests
{
    private static readonly byte[] Timestamp = Timestamp64(1_714_573_862, 123_456_789);

    public static TheoryData<string, byte[], long> Integers => new()
    {
        { "positive fixint", [0x64], 100 },
        { "negative fixint", [0xe0], -32 },
        { "uint8", [0xcc, 0xc8], 200 },
        { "uint16", [0xcd, 0x9c, 0x40], 40_000 },
        { "uint32", [0xce, 0xee, 0x6b, 0x28, 0x00], 4_000_000_000 },
        { "uint64", [0xcf, 0, 0, 0x30, 0x30, 0x30, 0x30, 0x36, 0x55], 52_983_525_029_461 },
        { "int8", [0xd0, 0x9c], -100 },
        { "int16", [0xd1, 0x80, 0x00], -32_768 },
        { "int32", [0xd2, 0x80, 0, 0, 0], int.MinValue },
        { "int64", [0xd3, 0x80, 0, 0, 0, 0, 0, 0, 0], long.MinValue },
        { "whole float64", Float64(300), 300 },
        { "whole float32", Float32(300), 300 },
        { "nil", Nil, 0 },
    };

    [Theory]
    [MemberData(nameof(Integers))]
    public void ReadInt64_EveryIntegerForm_ReadsValue(string form, byte[] value, long expected)
    {
        var trade = ReadTrade(Map(Str("T"), Str("t"), Str("S"), Str("AAPL"), Str("s"), value));

        Assert.True(expected == trade.Size, form);
    }

    public static TheoryData<string, byte[], decimal> Decimals => new()
    {
        { "float64 price", Float64(189.42), 189.42m },
        { "float64 shortest form", Float64(0.1 + 0.2), 0.30000000000000004m },
        { "float64 tiny", Float64(1e-7), 0.0000001m },
        { "float64 negative", Float64(-2.5), -2.5m },
        { "float64 large", Float64(12345678901234.5), 12345678901234.5m },
        { "float32 as its text", Float32(0.1f), 0.1m },
        { "fixint", [0x05], 5m },
        { "uint64 beyond long", [0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 18_446_744_073_709_551_615m },
        { "int16", [0xd1, 0xff, 0x38], -200m },
        { "numeric string", Str("189.4200"), 189.4200m },
        { "nil", Nil, 0m },
    };

    [Theory]
    [MemberData(nameof(Decimals))]
    public void ReadDecimal_EveryNumberForm_ReadsValue(string form, byte[] value, decimal expected)
    {
        var trade = ReadTrade(Map(Str("T"), Str("t"), Str("S"), Str("AAPL"), Str("p"), value));

        Assert.True(expected == trade.Price, $"{form}: {trade.Price}");
        Assert.Equal(expected.Scale, trade.Price.Scale);
    }

    [Theory]
    [InlineData(MessagePackWidth.Fix)]
    [InlineData(MessagePackWidth.Eight)]
    [InlineData(MessagePackWidth.Sixteen)]
    [InlineData(MessagePackWidth.ThirtyTwo)]
    public void ReadString_EveryStringWidth_ReadsValue(MessagePackWidth width)
    {
        var trade = ReadTrade(Map(Str("T", width), Str("t", width), Str("S", width), Str("AAPL", width), Str("x", width), Str("V", width), Str("c", width), Array(MessagePackWidth.Fix, Str("@", width), Str("I", width))));

        Assert.Equal(("AAPL", "V"), (trade.Symbol, trade.Exchange));
        Assert.Equal<string>(["@", "I"], trade.Conditions);
    }

    [Theory]
    [InlineData(MessagePackWidth.Fix)]
    [InlineData(MessagePackWidth.Sixteen)]
    [InlineData(MessagePackWidth.ThirtyTwo)]
    public void Read_EveryMapAndArrayWidth_ReadsValue(MessagePackWidth width)
    {
        var book = ReadBook(Map(width, Str("T"), Str("o"), Str("S"), Str("BTC/USD"), Str("t"), Timestamp,
            Str("b"), Array(width, Map(width, Str("p"), Float64(64210.5), Str("s"), Float64(0.5)), Map(width, Str("p"), Float64(64210), Str("s"), [0x02])),
            Str("a"), Array(width),
            Str("r"), True));

        Assert.Equal<OrderBookLevel>([new(64210.5m, 0.5m), new(64210m, 2m)], book.Bids);
        Assert.True(book.Asks.IsEmpty);
        Assert.True(book.IsReset);
        Assert.Equal(123_456_789, book.Timestamp.Nanosecond);
    }

    [Fact]
    public void ReadStringArray_LongerThanTheKeyBuffer_ReadsEveryElement()
    {
        var conditions = Enumerable.Range(0, 40).Select(i => $"condition-{i:D2}").ToArray();

        var trade = ReadTrade(Map(Str("T"), Str("t"), Str("S"), Str("AAPL"), Str("c"), Array(MessagePackWidth.Sixteen, [.. conditions.Select(c => Str(c))])));

        Assert.Equal<string>(conditions, trade.Conditions);
    }

    public static TheoryData<string, byte[], string> Timestamps => new()
    {
        { "timestamp32", Timestamp32(1_714_573_862), "2024-05-01T14:31:02Z" },
        { "timestamp64", Timestamp64(1_714_573_862, 123_456_789), "2024-05-01T14:31:02.123456789Z" },
        { "timestamp64 one nanosecond", Timestamp64(1_714_573_862, 1), "2024-05-01T14:31:02.000000001Z" },
        { "timestamp96", Timestamp96(1_714_573_862, 999_999_999), "2024-05-01T14:31:02.999999999Z" },
        { "timestamp96 before 1970", Timestamp96(-86_400, 5), "1969-12-31T00:00:00.000000005Z" },
        { "timestamp96 after 2514", Timestamp96(17_179_869_184, 7), "2514-05-30T01:53:04.000000007Z" },
        { "RFC 3339 string", Str("2024-05-01T14:31:02.123456789Z"), "2024-05-01T14:31:02.123456789Z" },
        { "nil", Nil, "1970-01-01T00:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Timestamps))]
    public void ReadTimestamp_EveryForm_KeepsNineFractionDigits(string form, byte[] value, string expected)
    {
        var trade = ReadTrade(Map(Str("T"), Str("t"), Str("S"), Str("AAPL"), Str("t"), value));

        Assert.True(expected == trade.Timestamp.ToString(), $"{form}: {trade.Timestamp}");
    }

    [Fact]
    public void Read_UnknownFieldsOfEveryType_SkippedAndTheMapEnds()
    {
        var message = Map(
            Str("future"), Map(Str("deep"), Array(MessagePackWidth.Fix, Map(Str("x"), Array(MessagePackWidth.Fix, Nil)), [0xc4, 2, 1, 2])),
            [0x07], Str("an integer key"),
            Str("S"), Str("AAPL"),
            Str("ext"), [0xd8, 0x05, .. new byte[16]],
            Str("bin16"), [0xc5, 0, 3, 1, 2, 3],
            Str("f32"), Float32(1.5f),
            Str("T"), Str("t"),
            Str("p"), Float64(189.42));

        var trade = ReadTrade(message);

        Assert.Equal(("AAPL", 189.42m), (trade.Symbol, trade.Price));
    }

    public static TheoryData<string, byte[]> WrongTypes => new()
    {
        { "string as size", Map(Str("S"), Str("AAPL"), Str("s"), Str("100")) },
        { "fraction as size", Map(Str("S"), Str("AAPL"), Str("s"), Float64(100.5)) },
        { "uint64 beyond long as size", Map(Str("S"), Str("AAPL"), Str("s"), [0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]) },
        { "map as price", Map(Str("S"), Str("AAPL"), Str("p"), Map()) },
        { "NaN price", Map(Str("S"), Str("AAPL"), Str("p"), Float64(double.NaN)) },
        { "price beyond decimal", Map(Str("S"), Str("AAPL"), Str("p"), Float64(1e300)) },
        { "integer as symbol", Map(Str("S"), [0x01]) },
        { "other extension as timestamp", Map(Str("S"), Str("AAPL"), Str("t"), [0xd7, 0x05, 0, 0, 0, 0, 0, 0, 0, 0]) },
        { "timestamp of 5 bytes", Map(Str("S"), Str("AAPL"), Str("t"), [0xc7, 5, 0xff, 0, 0, 0, 0, 0]) },
        { "nanoseconds beyond a second", Map(Str("S"), Str("AAPL"), Str("t"), Timestamp96(1, 1_000_000_000)) },
        { "timestamp beyond year 9999", Map(Str("S"), Str("AAPL"), Str("t"), Timestamp96(long.MaxValue, 0)) },
        { "bad timestamp text", Map(Str("S"), Str("AAPL"), Str("t"), Str("yesterday")) },
        { "condition not a string", Map(Str("S"), Str("AAPL"), Str("c"), Array(MessagePackWidth.Fix, [0x01])) },
        { "array, not a map", Array(MessagePackWidth.Fix, Str("S")) },
        { "unused format byte in an unknown field", Map(Str("S"), Str("AAPL"), Str("q"), [0xc1]) },
        { "missing symbol", Map(Str("T"), Str("t")) },
        { "nil message", Nil },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void Read_WrongType_ThrowsAlpacaDecodeException(string form, byte[] message)
    {
        var error = Assert.Throws<AlpacaDecodeException>(() => ReadTrade(message));

        Assert.False(string.IsNullOrWhiteSpace(error.Message), form);
    }

    [Fact]
    public void Read_EveryTruncation_ThrowsAlpacaDecodeException()
    {
        var message = Map(Str("T"), Str("t"), Str("S"), Str("AAPL"), Str("i"), [0xcf, 0, 0, 0x30, 0x30, 0x30, 0x30, 0x36, 0x55],
            Str("p"), Float64(189.42), Str("c"), Array(MessagePackWidth.Fix, Str("@"), Str("I")), Str("t"), Timestamp96(1_714_573_862, 5), Str("later"), Map(Str("x"), Str("y")));
        Assert.Equal("AAPL", ReadTrade(message).Symbol);

        for (var length = 0; length < message.Length; length++)
        {
            var prefix = message[..length];
            Assert.Throws<AlpacaDecodeException>(() => ReadTrade(prefix));
        }
    }

    [Fact]
    public void Read_FollowedByMoreData_ConsumesOnlyTheMap()
    {
        var first = Map(Str("T"), Str("t"), Str("S"), Str("AAPL"));
        byte[] message = [.. first, .. Map(Str("T"), Str("q"))];

        StockTradeDecoder.Read(message, out var consumed, new AlpacaDecodeContext());

        Assert.Equal(first.Length, consumed);
    }

    private static StockTrade ReadTrade(byte[] message)
    {
        var trade = StockTradeDecoder.Read(message, out var consumed, new AlpacaDecodeContext());
        Assert.Equal(message.Length, consumed);
        return trade;
    }

    private static CryptoOrderBook ReadBook(byte[] message)
    {
        var book = CryptoOrderBookDecoder.Read(message, out var consumed, new AlpacaDecodeContext());
        Assert.Equal(message.Length, consumed);
        return book;
    }
}
