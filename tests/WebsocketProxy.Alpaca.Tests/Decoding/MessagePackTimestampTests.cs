using WebsocketProxy.Alpaca.Decoding;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

/// <summary>The timestamp extension's three forms, read back with every nanosecond.</summary>
public sealed class MessagePackTimestampTests
{
    [Theory]
    [InlineData("2024-05-01T14:31:02Z", 4)]
    [InlineData("2024-05-01T14:31:02.123456789Z", 8)]
    [InlineData("2600-05-01T14:31:02.5Z", 12)]
    [InlineData("1900-05-01T14:31:02.000000001Z", 12)]
    public void Read_EachForm_RoundTrips(string text, int expectedLength)
    {
        var timestamp = AlpacaTimestamp.Parse(text);
        Span<byte> body = stackalloc byte[12];

        var written = MessagePackTestTimestamp.Write(timestamp, body);

        Assert.Equal(expectedLength, written);
        Assert.Equal(timestamp, MessagePackTimestamp.Read(body[..written]));
        Assert.Equal(text, MessagePackTimestamp.Read(body[..written]).ToString());
    }

    [Fact]
    public void Read_Timestamp64_DecodesSecondsAndNanoseconds()
    {
        // 30-bit nanoseconds (5) above 34-bit seconds (1714573862), big-endian.
        var packed = (5UL << 34) | 1_714_573_862UL;
        var body = BitConverter.GetBytes(packed);
        Array.Reverse(body);

        var timestamp = MessagePackTimestamp.Read(body);

        Assert.Equal(1_714_573_862, timestamp.UnixSeconds);
        Assert.Equal(5, timestamp.Nanosecond);
    }

    [Fact]
    public void Read_BadLength_Throws()
    {
        Assert.Throws<AlpacaDecodeException>(() => MessagePackTimestamp.Read(new byte[5]));
    }
}
