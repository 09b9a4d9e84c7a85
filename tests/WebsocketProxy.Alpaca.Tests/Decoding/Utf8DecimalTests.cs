using System.Globalization;
using System.Text;
using WebsocketProxy.Alpaca.Decoding;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

public sealed class Utf8DecimalTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("189.42")]
    [InlineData("189.30")]
    [InlineData("-0.0125")]
    [InlineData("64210.0")]
    [InlineData("9999999999999999999")]
    [InlineData("0.000000000000000001")]
    [InlineData("184467440.7370955161")]
    public void TryParsePlain_PlainNumbers_MatchDecimalParseIncludingScale(string text)
    {
        Assert.True(Utf8Decimal.TryParsePlain(Encoding.UTF8.GetBytes(text), out var value));

        var expected = decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.Equal(expected, value);
        Assert.Equal(expected.Scale, value.Scale);
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), value.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1e5")]
    [InlineData("1.")]
    [InlineData("1.2.3")]
    [InlineData("12345678901234567890")]
    public void TryParsePlain_OtherForms_LeftToTheGeneralParser(string text)
    {
        Assert.False(Utf8Decimal.TryParsePlain(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void Read_ExponentAndLongNumbers_FallBackToGeneralParser()
    {
        var trade = JsonDecoding.Read(CryptoTradeDecoder.Read, """{"T":"t","S":"BTC/USD","p":6.42105E4,"s":0.000000000000000000012345}""");

        Assert.Equal(64210.5m, trade.Price);
        Assert.Equal(0.000000000000000000012345m, trade.Size);
    }
}
