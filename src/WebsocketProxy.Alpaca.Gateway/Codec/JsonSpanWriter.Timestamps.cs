using System.Globalization;

namespace WebsocketProxy.Alpaca.Gateway.Codec;

internal ref partial struct JsonSpanWriter
{
    /// <summary>0001-01-01T00:00:00Z would be the first second .NET can print; Go prints from year 0, as this does.</summary>
    private const long FirstSecond = -62_167_219_200;

    /// <summary>9999-12-31T23:59:59Z: Go's JSON encoder refuses a later time, and so does this writer.</summary>
    private const long LastSecond = 253_402_300_799;

    private const long SecondsPerDay = 86_400;

    /// <summary>
    /// An instant as Alpaca's JSON prints it (Go's <c>time.RFC3339Nano</c> in UTC): <c>2024-05-01T13:30:00.1234Z</c>,
    /// the fraction with its trailing zeros trimmed and left out when zero.
    /// </summary>
    public void WriteTimestamp(long seconds, uint nanoseconds, int position)
    {
        if (nanoseconds > 999_999_999)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"The MessagePack timestamp at byte {position} has {nanoseconds} nanoseconds; at most 999999999 are allowed."));
        }

        if (seconds is < FirstSecond or > LastSecond)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"The MessagePack timestamp at byte {position} ({seconds} s from 1970) is outside years 0 to 9999, which RFC 3339 can write."));
        }

        var days = Math.DivRem(seconds, SecondsPerDay, out var secondOfDay);
        if (secondOfDay < 0)
        {
            days--;
            secondOfDay += SecondsPerDay;
        }

        var (year, month, day) = CivilFromDays(days);
        WriteByte((byte)'"');
        WriteDigits(year, 4);
        WriteByte((byte)'-');
        WriteDigits(month, 2);
        WriteByte((byte)'-');
        WriteDigits(day, 2);
        WriteByte((byte)'T');
        WriteDigits((int)(secondOfDay / 3600), 2);
        WriteByte((byte)':');
        WriteDigits((int)(secondOfDay / 60 % 60), 2);
        WriteByte((byte)':');
        WriteDigits((int)(secondOfDay % 60), 2);
        if (nanoseconds != 0)
        {
            var digits = 9;
            while (nanoseconds % 10 == 0)
            {
                nanoseconds /= 10;
                digits--;
            }

            WriteByte((byte)'.');
            WriteDigits((int)nanoseconds, digits);
        }

        WriteRaw("Z\""u8);
    }

    /// <summary>The proleptic Gregorian date of a day count from 1970-01-01 (H. Hinnant's <c>civil_from_days</c>).</summary>
    private static (int Year, int Month, int Day) CivilFromDays(long days)
    {
        var shifted = days + 719_468;
        var era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097;
        var dayOfEra = shifted - (era * 146_097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1_460) + (dayOfEra / 36_524) - (dayOfEra / 146_096)) / 365;
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var monthFromMarch = ((5 * dayOfYear) + 2) / 153;
        var day = dayOfYear - (((153 * monthFromMarch) + 2) / 5) + 1;
        var month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
        var year = yearOfEra + (era * 400) + (month <= 2 ? 1 : 0);
        return ((int)year, (int)month, (int)day);
    }

    /// <summary>A non-negative number in exactly <paramref name="width"/> digits, zero-padded.</summary>
    private void WriteDigits(int value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            _buffer[Written + i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        Written += width;
    }
}
