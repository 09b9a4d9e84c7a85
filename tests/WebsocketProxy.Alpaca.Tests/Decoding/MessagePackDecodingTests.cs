using System.Buffers;
using MessagePack;
using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

public sealed class MessagePackDecodingTests
{
    [Fact]
    public void Read_MessagePackTrade_SameDecoderKeepsNanoseconds()
    {
        var timestamp = AlpacaTimestamp.Parse("2024-05-01T14:31:02.123456789Z"u8);
        var payload = Write((ref MessagePackWriter writer) =>
        {
            writer.WriteMapHeader(9);
            WritePair(ref writer, "T", "t");
            WritePair(ref writer, "S", "AAPL");
            writer.Write("i");
            writer.Write(52983525029461L);
            WritePair(ref writer, "x", "V");
            writer.Write("p");
            writer.Write(189.42d);
            writer.Write("s");
            writer.Write(100);
            writer.Write("c");
            writer.WriteArrayHeader(2);
            writer.Write("@");
            writer.Write("I");
            WritePair(ref writer, "z", "C");
            writer.Write("t");
            WriteTimestamp(ref writer, timestamp);
        });

        var reader = new MessagePackFieldReader(payload.Span, new AlpacaDecodeContext());
        var trade = StockTradeDecoder.Read(ref reader);

        Assert.Equal(("AAPL", 52983525029461L, "V", 189.42m, 100L, "C"), (trade.Symbol, trade.Id, trade.Exchange, trade.Price, trade.Size, trade.Tape));
        Assert.Equal<string>(["@", "I"], trade.Conditions);
        Assert.Equal(timestamp, trade.Timestamp);
        Assert.Equal(123_456_789, trade.Timestamp.Nanosecond);
    }

    [Fact]
    public void Read_MessagePackOrderBook_NestedLevelsAndUnknownFieldsSkipped()
    {
        var payload = Write((ref MessagePackWriter writer) =>
        {
            writer.WriteMapHeader(6);
            WritePair(ref writer, "T", "o");
            WritePair(ref writer, "S", "BTC/USD");
            writer.Write("b");
            writer.WriteArrayHeader(1);
            writer.WriteMapHeader(2);
            writer.Write("p");
            writer.Write(64210.0d);
            writer.Write("s");
            writer.Write(0.5d);
            writer.Write("later");
            writer.WriteMapHeader(1);
            WritePair(ref writer, "x", "y");
            writer.Write("a");
            writer.WriteNil();
            writer.Write("r");
            writer.Write(true);
        });

        var reader = new MessagePackFieldReader(payload.Span, new AlpacaDecodeContext());
        var book = CryptoOrderBookDecoder.Read(ref reader);

        Assert.Equal<OrderBookLevel>([new(64210m, 0.5m)], book.Bids);
        Assert.True(book.Asks.IsEmpty);
        Assert.True(book.IsReset);
    }

    private delegate void WriteAction(ref MessagePackWriter writer);

    private static ReadOnlyMemory<byte> Write(WriteAction write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        write(ref writer);
        writer.Flush();
        return buffer.WrittenMemory;
    }

    private static void WritePair(ref MessagePackWriter writer, string key, string value)
    {
        writer.Write(key);
        writer.Write(value);
    }

    private static void WriteTimestamp(ref MessagePackWriter writer, AlpacaTimestamp timestamp)
    {
        var body = new byte[12];
        var length = MessagePackTestTimestamp.Write(timestamp, body);
        writer.WriteExtensionFormatHeader(new ExtensionHeader(-1, length));
        writer.WriteRaw(body.AsSpan(0, length));
    }
}
