using System.Buffers;
using System.Text;
using WebsocketProxy.Alpaca.Gateway.Codec;

namespace WebsocketProxy.Alpaca.Gateway.Tests.Codec;

public sealed class AlpacaMessageKeyTests
{
    private static readonly byte[] Trade = new Pack().Map(5)
        .Str("T").Str("t").Str("S").Str("AAPL").Str("p").Float64(189.25).Str("c").Array(2).Str("@").Str("I")
        .Str("t").Timestamp64(1_714_570_200, 1).ToArray();

    private static readonly byte[] News = new Pack().Map(5)
        .Str("T").Str("n").Str("id").Raw(0xd2, 0, 0, 0, 9).Str("headline").Str("Apple and Tesla")
        .Str("symbols").Array(2).Str("AAPL").Str("TSLA").Str("source").Str("benzinga").ToArray();

    [Fact]
    public void Read_Trade_TypeSymbolAndLength()
    {
        var key = AlpacaMessageKey.Read(Trade);

        Assert.Equal("t", Encoding.UTF8.GetString(key.Type));
        Assert.Equal("AAPL", Encoding.UTF8.GetString(key.Symbol));
        Assert.Equal(0, key.Symbols.Count);
        Assert.Equal(Trade.Length, key.Length);
    }

    [Fact]
    public void Read_News_SymbolsListedAndNoSymbol()
    {
        var key = AlpacaMessageKey.Read(News);

        Assert.Equal("n", Encoding.UTF8.GetString(key.Type));
        Assert.True(key.Symbol.IsEmpty);
        var symbols = new List<string>();
        foreach (var symbol in key.Symbols)
        {
            symbols.Add(Encoding.UTF8.GetString(symbol));
        }

        Assert.Equal(["AAPL", "TSLA"], symbols);
        Assert.True(key.Symbols.Contains("TSLA"u8));
        Assert.False(key.Symbols.Contains("MSFT"u8));
        Assert.Equal(News.Length, key.Length);
    }

    [Fact]
    public void Read_NewsWithNilOrEmptySymbols_NoSymbols()
    {
        var nil = new Pack().Map(2).Str("T").Str("n").Str("symbols").Nil().ToArray();
        var empty = new Pack().Map(2).Str("symbols").Array(0).Str("T").Str("n").ToArray();

        Assert.Equal(0, AlpacaMessageKey.Read(nil).Symbols.Count);
        Assert.Equal(0, AlpacaMessageKey.Read(empty).Symbols.Count);
        Assert.Equal("n", Encoding.UTF8.GetString(AlpacaMessageKey.Read(empty).Type));
    }

    [Fact]
    public void Read_ControlMessage_TypeOnly()
    {
        var subscription = new Pack().Map(3).Str("T").Str("subscription").Str("trades").Array(1).Str("AAPL").Str("quotes").Array(0).ToArray();

        var key = AlpacaMessageKey.Read(subscription);

        Assert.Equal("subscription", Encoding.UTF8.GetString(key.Type));
        Assert.True(key.Symbol.IsEmpty);
        Assert.Equal(subscription.Length, key.Length);
    }

    [Fact]
    public void Read_LongFormsAndNonStringKeys_Skipped()
    {
        var message = new Pack().Raw(0xde, 0, 3).Raw(1).Map(1).Str("S").Str("NOT").Str("S").Raw(0xd9, 4).Raw("MSFT"u8.ToArray()).Str("T").Str("q").ToArray();

        var key = AlpacaMessageKey.Read(message);

        Assert.Equal("MSFT", Encoding.UTF8.GetString(key.Symbol));
        Assert.Equal("q", Encoding.UTF8.GetString(key.Type));
        Assert.Equal(message.Length, key.Length);
    }

    [Fact]
    public void Read_NotAMapOrWrongTypes_FormatException()
    {
        Assert.Throws<FormatException>(() => AlpacaMessageKey.Read(new Pack().Array(1).Raw(1).ToArray()));
        Assert.Throws<FormatException>(() => AlpacaMessageKey.Read(new Pack().Map(1).Str("T").Raw(1).ToArray()));
        Assert.Throws<FormatException>(() => AlpacaMessageKey.Read(new Pack().Map(1).Str("S").Nil().ToArray()));
        Assert.Throws<FormatException>(() => AlpacaMessageKey.Read(new Pack().Map(1).Str("symbols").Array(1).Raw(1).ToArray()));
        Assert.Throws<FormatException>(() => AlpacaMessageKey.Read([]));
    }

    [Fact]
    public void Read_EveryTruncation_FormatException()
    {
        for (var length = 0; length < News.Length; length++)
        {
            var truncated = News.AsSpan(0, length).ToArray();
            Assert.Throws<FormatException>(() => AlpacaMessageKey.Read(truncated));
        }
    }

    [Fact]
    public void Messages_Frame_EachMessageWithItsKey()
    {
        var frame = new Pack().Array(2).Raw(Trade).Raw(News).ToArray();
        var seen = new List<(string Type, string Symbol, int Length)>();

        var messages = AlpacaMessagePackFrame.Messages(frame);
        Assert.Equal(2, messages.Count);
        while (messages.MoveNext())
        {
            seen.Add((Encoding.UTF8.GetString(messages.Key.Type), Encoding.UTF8.GetString(messages.Key.Symbol), messages.Current.Length));
        }

        Assert.Equal([("t", "AAPL", Trade.Length), ("n", string.Empty, News.Length)], seen);
    }

    [Fact]
    public void Messages_TrailingBytesOrNotAnArray_FormatException()
    {
        var trailing = new Pack().Array(1).Raw(Trade).Raw(0xc0).ToArray();
        Assert.Throws<FormatException>(() =>
        {
            var messages = AlpacaMessagePackFrame.Messages(trailing);
            while (messages.MoveNext())
            {
            }
        });
        Assert.Throws<FormatException>(() => AlpacaMessagePackFrame.Messages(Trade));
    }

    [Theory]
    [InlineData(0, new byte[] { 0x90 })]
    [InlineData(15, new byte[] { 0x9f })]
    [InlineData(16, new byte[] { 0xdc, 0x00, 0x10 })]
    [InlineData(65536, new byte[] { 0xdd, 0x00, 0x01, 0x00, 0x00 })]
    public void WriteArrayHeader_Count_SmallestForm(int count, byte[] expected)
    {
        var output = new ArrayBufferWriter<byte>();

        AlpacaMessagePackFrame.WriteArrayHeader(output, count);

        Assert.Equal(expected, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Messages_RoutingAFrameRepeatedly_AllocatesNothing()
    {
        var frame = new Pack().Array(4).Raw(Trade).Raw(News).Raw(Trade).Raw(News).ToArray();
        var matched = 0;
        for (var i = 0; i < 1_000; i++)
        {
            matched += Route(frame);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            matched += Route(frame);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(11_000 * 4, matched);
    }

    private static int Route(byte[] frame)
    {
        var matched = 0;
        var messages = AlpacaMessagePackFrame.Messages(frame);
        while (messages.MoveNext())
        {
            var key = messages.Key;
            if ((key.Type.SequenceEqual("t"u8) && key.Symbol.SequenceEqual("AAPL"u8)) || key.Symbols.Contains("TSLA"u8))
            {
                matched++;
            }
        }

        return matched;
    }
}
