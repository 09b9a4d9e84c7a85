using System.Text;

namespace WebsocketProxy.Alpaca.Tests;

public sealed class AlpacaTimestampTests
{
    [Theory]
    [InlineData("2024-05-01T14:31:02.123456789Z")]
    [InlineData("2024-05-01T14:31:02.12345678Z")]
    [InlineData("2024-05-01T14:31:02.208Z")]
    [InlineData("2024-05-01T14:31:02.5Z")]
    [InlineData("2024-05-01T14:30:00Z")]
    [InlineData("2024-05-01T15:00:00.000000001Z")]
    [InlineData("2024-05-01T10:31:02.125000417-04:00")]
    [InlineData("2024-05-01T20:01:02+05:30")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59.999999999Z")]
    [InlineData("1969-12-31T23:59:59.999999999Z")]
    public void Parse_CanonicalText_FormatsBackExactly(string text)
    {
        var timestamp = AlpacaTimestamp.Parse(Encoding.UTF8.GetBytes(text));

        Assert.Equal(text, timestamp.ToString());
        Span<byte> utf8 = stackalloc byte[64];
        Assert.True(timestamp.TryFormat(utf8, out var written));
        Assert.Equal(text, Encoding.UTF8.GetString(utf8[..written]));
        Assert.Equal(timestamp, AlpacaTimestamp.Parse(text));
    }

    [Fact]
    public void Parse_NineFractionDigits_KeepsEveryNanosecond()
    {
        var timestamp = AlpacaTimestamp.Parse("2024-05-01T14:31:02.123456789Z"u8);

        Assert.Equal(123_456_789, timestamp.Nanosecond);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 14, 31, 2, TimeSpan.Zero).ToUnixTimeSeconds(), timestamp.UnixSeconds);
        Assert.Equal((timestamp.UnixSeconds * 1_000_000_000) + 123_456_789, timestamp.UnixNanoseconds);
    }

    [Fact]
    public void Parse_ZeroFractionDigits_HasNoNanoseconds()
    {
        var timestamp = AlpacaTimestamp.Parse("2024-05-01T14:30:00Z"u8);

        Assert.Equal(0, timestamp.Nanosecond);
        Assert.Equal(new DateTime(2024, 5, 1, 14, 30, 0, DateTimeKind.Utc), timestamp.UtcDateTime);
    }

    [Fact]
    public void Parse_Offset_IsSameInstantAsUtcAndKeepsOffset()
    {
        var withOffset = AlpacaTimestamp.Parse("2024-05-01T10:31:02.5-04:00"u8);
        var utc = AlpacaTimestamp.Parse("2024-05-01T14:31:02.5Z"u8);

        Assert.Equal(utc, withOffset);
        Assert.Equal(TimeSpan.FromHours(-4), withOffset.Offset);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 31, 2, 500, TimeSpan.FromHours(-4)), withOffset.ToDateTimeOffset());
        Assert.Equal("2024-05-01T14:31:02.5Z", withOffset.WithOffset(TimeSpan.Zero).ToString());
    }

    [Fact]
    public void Parse_LowercaseSeparators_Accepted()
    {
        Assert.Equal(AlpacaTimestamp.Parse("2024-05-01T14:30:00Z"u8), AlpacaTimestamp.Parse("2024-05-01t14:30:00z"u8));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2024-05-01")]
    [InlineData("2024-05-01T14:30:00")]
    [InlineData("2024-05-01T14:30:00.Z")]
    [InlineData("2024-05-01T14:30:00.1234567891Z")]
    [InlineData("2024-13-01T14:30:00Z")]
    [InlineData("2024-02-30T14:30:00Z")]
    [InlineData("2024-05-01T24:00:00Z")]
    [InlineData("2024-05-01T14:30:60Z")]
    [InlineData("2024-05-01T14:30:00+2:00")]
    [InlineData("2024-05-01T14:30:00+24:00")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("2024-05-01 14:30:00Z")]
    [InlineData("2024-05-01T14:30:00Zjunk")]
    public void TryParse_InvalidText_ReturnsFalse(string text)
    {
        Assert.False(AlpacaTimestamp.TryParse(Encoding.UTF8.GetBytes(text), out _));
        Assert.Throws<FormatException>(() => AlpacaTimestamp.Parse(text));
    }

    [Fact]
    public void Comparison_OrdersByNanoseconds()
    {
        var earlier = AlpacaTimestamp.Parse("2024-05-01T14:31:02.000000001Z"u8);
        var later = AlpacaTimestamp.Parse("2024-05-01T14:31:02.000000002Z"u8);

        Assert.True(earlier < later);
        Assert.True(later > earlier);
        Assert.True(earlier <= later && earlier != later);
        Assert.Equal(-1, earlier.CompareTo(later));
        Assert.Equal(1, earlier.CompareTo(null));
        Assert.NotEqual(earlier.GetHashCode(), later.GetHashCode());
    }

    [Fact]
    public void Parse_EveryDayOfFourCenturiesAndTheRangeEnds_MatchesDateTimeOffset()
    {
        // The parser counts days in integer arithmetic; DateTimeOffset is the reference for every day of a
        // full 400-year Gregorian cycle (leap centuries included) and around the first and last supported days.
        var days = Enumerable.Range(0, 146_097).Select(i => new DateTime(1800, 1, 1).AddDays(i))
            .Concat(Enumerable.Range(0, 800).Select(i => DateTime.MinValue.AddDays(i)))
            .Concat(Enumerable.Range(0, 800).Select(i => DateTime.MaxValue.Date.AddDays(-i)));

        foreach (var day in days)
        {
            var instant = new DateTimeOffset(day.AddHours(13).AddMinutes(7).AddSeconds(59), TimeSpan.Zero);
            var text = instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

            Assert.True(AlpacaTimestamp.TryParse(Encoding.UTF8.GetBytes(text), out var parsed), text);
            Assert.Equal(instant.ToUnixTimeSeconds(), parsed.UnixSeconds);
        }
    }

    [Fact]
    public void FromUnixNanoseconds_BeforeEpoch_NormalisesNanoseconds()
    {
        var timestamp = AlpacaTimestamp.FromUnixNanoseconds(-1);

        Assert.Equal(-1, timestamp.UnixSeconds);
        Assert.Equal(999_999_999, timestamp.Nanosecond);
        Assert.Equal("1969-12-31T23:59:59.999999999Z", timestamp.ToString());
        Assert.Equal(-1, timestamp.UnixNanoseconds);
    }

    [Fact]
    public void FromDateTimeOffset_RoundTripsThroughDateTimeOffset()
    {
        var value = new DateTimeOffset(2024, 5, 1, 14, 31, 2, TimeSpan.FromHours(2)).AddTicks(1234567);

        var timestamp = AlpacaTimestamp.FromDateTimeOffset(value);

        Assert.Equal(value, timestamp.ToDateTimeOffset());
        Assert.Equal(value.Offset, timestamp.ToDateTimeOffset().Offset);
        Assert.Equal(123_456_700, timestamp.Nanosecond);
    }

    [Fact]
    public void FromUnixTime_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AlpacaTimestamp.FromUnixTime(0, 1_000_000_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => AlpacaTimestamp.FromUnixTime(0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => AlpacaTimestamp.FromUnixTime(0, 0, TimeSpan.FromSeconds(30)));
        Assert.Throws<ArgumentOutOfRangeException>(() => AlpacaTimestamp.FromUnixTime(-62_135_596_800, 0, TimeSpan.FromHours(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => AlpacaTimestamp.FromUnixTime(253_402_300_800, 0));
    }

    [Fact]
    public void TryFormat_DestinationTooSmall_ReturnsFalse()
    {
        var timestamp = AlpacaTimestamp.Parse("2024-05-01T14:31:02.123456789Z"u8);

        Assert.False(timestamp.TryFormat(stackalloc byte[10], out var bytes));
        Assert.Equal(0, bytes);
        Assert.False(timestamp.TryFormat(stackalloc char[10], out var chars, default, null));
        Assert.Equal(0, chars);
    }

    [Fact]
    public void Interpolation_UsesCanonicalForm()
    {
        var timestamp = AlpacaTimestamp.Parse("2024-05-01T14:31:02.1Z"u8);

        Assert.Equal("at 2024-05-01T14:31:02.1Z", $"at {timestamp}");
    }
}
