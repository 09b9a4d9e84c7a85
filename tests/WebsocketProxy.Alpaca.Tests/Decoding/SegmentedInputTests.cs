using System.Buffers;
using System.Text;
using System.Text.Json;
using WebsocketProxy.Alpaca.Decoding;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

/// <summary>Decoders over a reader whose input is split into one-byte segments, so every value spans segments.</summary>
public sealed class SegmentedInputTests
{
    [Fact]
    public void Read_TradeSplitIntoOneByteSegments_DecodesEveryField()
    {
        var json = ReaderOver("""{"T":"t","S":"AAPL","i":5,"x":"V","p":189.42,"s":100,"c":["@","I"],"z":"C","t":"2024-05-01T14:31:02.123456789Z"}""");

        var trade = StockTradeDecoder.Read(ref json, new AlpacaDecodeContext());

        Assert.Equal(("AAPL", 5L, "V", 189.42m, 100L, "C"), (trade.Symbol, trade.Id, trade.Exchange, trade.Price, trade.Size, trade.Tape));
        Assert.Equal<string>(["@", "I"], trade.Conditions);
        Assert.Equal("2024-05-01T14:31:02.123456789Z", trade.Timestamp.ToString());
        Assert.Equal(JsonTokenType.EndObject, json.TokenType);
    }

    [Fact]
    public void Read_NewsSplitIntoOneByteSegments_DecodesEveryField()
    {
        var json = ReaderOver("""{"T":"n","id":7,"headline":"Apple beats","symbols":["AAPL","MSFT"],"created_at":"2024-05-02T20:31:00Z"}""");

        var news = NewsArticleDecoder.Read(ref json, new AlpacaDecodeContext());

        Assert.Equal((7L, "Apple beats"), (news.Id, news.Headline));
        Assert.Equal<string>(["AAPL", "MSFT"], news.Symbols);
        Assert.Equal("2024-05-02T20:31:00Z", news.CreatedAt.ToString());
    }

    private static Utf8JsonReader ReaderOver(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var first = new Segment(bytes.AsMemory(0, 1), 0);
        var last = first;
        for (var i = 1; i < bytes.Length; i++)
        {
            last = last.Append(bytes.AsMemory(i, 1));
        }

        var reader = new Utf8JsonReader(new ReadOnlySequence<byte>(first, 0, last, 1));
        Assert.True(reader.Read());
        return reader;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
