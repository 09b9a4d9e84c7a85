using System.Globalization;
using WebsocketProxy.Alpaca.Decoding;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

/// <summary>A MessagePack double becomes the decimal of its shortest round-trip text: what the JSON text of the same double gives.</summary>
public sealed class MessagePackDecimalTests
{
    [Fact]
    public void FromDouble_RandomDoubles_SameAsTheShortestText()
    {
        var random = new Random(20261203);
        for (var i = 0; i < 200_000; i++)
        {
            var value = (i % 4) switch
            {
                0 => Math.Round(random.NextDouble() * 1000, random.Next(0, 7)),          // prices
                1 => random.NextDouble() * Math.Pow(10, random.Next(-12, 15)),            // any magnitude
                2 => BitConverter.Int64BitsToDouble(random.NextInt64(0x3C00_0000_0000_0000, 0x4400_0000_0000_0000)), // raw bits, 1e-19..1e19
                _ => -random.Next(0, 1_000_000) / 10_000d,                                // negative, 4 digits
            };

            var expected = decimal.Parse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
            var actual = MessagePackDecimal.FromDouble(value);
            Assert.True(expected == actual && expected.Scale == actual.Scale, $"{value:R}: expected {expected}, got {actual}");
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e29)]
    public void FromDouble_NoDecimal_Throws(double value)
    {
        Assert.Throws<AlpacaDecodeException>(() => MessagePackDecimal.FromDouble(value));
    }
}
