namespace WebsocketProxy.Alpaca.Tests.Decoding;

/// <summary>The test MessagePack reader's timestamp extension codec, which the MessagePack decoding tests rely on.</summary>
public sealed class MessagePackTimestampTests
{
    [Theory]
    [InlineData("2024-05-01T14:31:02Z", 4)]
    [InlineData("2024-05-01T14:31:02.123456789Z", 8)]
    [InlineData("2600-05-01T14:31:02.5Z", 12)]
    [InlineData("1900-05-01T14:31:02.5Z", 12)]
    public void Write_ThenRead_RoundTripsInSmallestForm(string text, int expectedLength)
    {
        var timestamp = AlpacaTimestamp.Parse(text);
        Span<byte> body = stackalloc byte[12];

        var written = MessagePackTimestamp.Write(timestamp, body);

        Assert.Equal(expectedLength, written);
        Assert.Equal(timestamp, MessagePackTimestamp.Read(body[..written]));
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
        Assert.Throws<FormatException>(() => MessagePackTimestamp.Read(new byte[5]));
    }
}
