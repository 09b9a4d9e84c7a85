using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace WebsocketProxy.Alpaca;

public readonly partial struct AlpacaTimestamp : IUtf8SpanParsable<AlpacaTimestamp>, ISpanParsable<AlpacaTimestamp>
{
    // The longest RFC 3339 text we accept: 2024-05-01T14:31:02.123456789+05:30
    private const int MaxLength = 35;

    /// <summary>Parses RFC 3339 UTF-8 text: <c>YYYY-MM-DDTHH:MM:SS[.f…]</c> with 0 to 9 fraction digits, then <c>Z</c> or <c>±HH:MM</c>.</summary>
    /// <exception cref="FormatException">The text is not such a timestamp.</exception>
    public static AlpacaTimestamp Parse(ReadOnlySpan<byte> utf8Text) =>
        TryParse(utf8Text, out var result)
            ? result
            : throw new FormatException($"'{Encoding.UTF8.GetString(utf8Text)}' is not an RFC 3339 timestamp with at most nine fraction digits.");

    /// <summary>Parses RFC 3339 text; see <see cref="Parse(ReadOnlySpan{byte})"/>.</summary>
    /// <exception cref="FormatException">The text is not such a timestamp.</exception>
    public static AlpacaTimestamp Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsSpan(), null);
    }

    /// <inheritdoc />
    public static AlpacaTimestamp Parse(ReadOnlySpan<byte> utf8Text, IFormatProvider? provider) => Parse(utf8Text);

    /// <inheritdoc />
    public static bool TryParse(ReadOnlySpan<byte> utf8Text, IFormatProvider? provider, out AlpacaTimestamp result) =>
        TryParse(utf8Text, out result);

    /// <inheritdoc />
    public static AlpacaTimestamp Parse(ReadOnlySpan<char> s, IFormatProvider? provider) =>
        TryParse(s, provider, out var result)
            ? result
            : throw new FormatException($"'{s}' is not an RFC 3339 timestamp with at most nine fraction digits.");

    /// <inheritdoc />
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out AlpacaTimestamp result)
    {
        result = default;
        if (s.Length > MaxLength)
        {
            return false;
        }

        Span<byte> utf8 = stackalloc byte[MaxLength];
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] > 0x7F)
            {
                return false;
            }

            utf8[i] = (byte)s[i];
        }

        return TryParse(utf8[..s.Length], out result);
    }

    /// <inheritdoc />
    public static AlpacaTimestamp Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan(), provider);
    }

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out AlpacaTimestamp result)
    {
        result = default;
        return s is not null && TryParse(s.AsSpan(), provider, out result);
    }

    /// <summary>Parses RFC 3339 UTF-8 text without throwing; see <see cref="Parse(ReadOnlySpan{byte})"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Text, out AlpacaTimestamp result)
    {
        result = default;
        if (utf8Text.Length < 20 || utf8Text.Length > MaxLength
            || utf8Text[4] != '-' || utf8Text[7] != '-' || (utf8Text[10] | 0x20) != 't'
            || utf8Text[13] != ':' || utf8Text[16] != ':'
            || !TryDigits(utf8Text, 0, 4, out var year) || !TryDigits(utf8Text, 5, 2, out var month)
            || !TryDigits(utf8Text, 8, 2, out var day) || !TryDigits(utf8Text, 11, 2, out var hour)
            || !TryDigits(utf8Text, 14, 2, out var minute) || !TryDigits(utf8Text, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var position = 19;
        var nanoseconds = 0;
        if (utf8Text[position] == '.')
        {
            var digits = 0;
            position++;
            while (position < utf8Text.Length && IsDigit(utf8Text[position]))
            {
                if (++digits > 9)
                {
                    return false;
                }

                nanoseconds = (nanoseconds * 10) + (utf8Text[position++] - '0');
            }

            if (digits == 0)
            {
                return false;
            }

            for (var scale = digits; scale < 9; scale++)
            {
                nanoseconds *= 10;
            }
        }

        if (!TryParseOffset(utf8Text[position..], out var offsetMinutes))
        {
            return false;
        }

        var localSeconds = (DaysSinceUnixEpoch(year, month, day) * 86_400L) + (hour * 3600) + (minute * 60) + second;
        var unixSeconds = localSeconds - (offsetMinutes * 60L);
        if (unixSeconds is < MinUnixSeconds or > MaxUnixSeconds)
        {
            return false;
        }

        result = new AlpacaTimestamp(unixSeconds, nanoseconds, (short)offsetMinutes);
        return true;
    }

    private static bool TryParseOffset(ReadOnlySpan<byte> text, out int offsetMinutes)
    {
        offsetMinutes = 0;
        if (text.Length == 1)
        {
            return (text[0] | 0x20) == 'z';
        }

        if (text.Length != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':'
            || !TryDigits(text, 1, 2, out var hours) || !TryDigits(text, 4, 2, out var minutes)
            || hours > 23 || minutes > 59)
        {
            return false;
        }

        offsetMinutes = (text[0] == '-' ? -1 : 1) * ((hours * 60) + minutes);
        return true;
    }

    // Days from 1970-01-01 to a valid proleptic Gregorian date (H. Hinnant's days_from_civil), in integer arithmetic
    // instead of a DateTime built and its ticks divided per message.
    private static long DaysSinceUnixEpoch(int year, int month, int day)
    {
        var y = month <= 2 ? year - 1 : year;
        var era = y / 400;
        var yearOfEra = y - (era * 400);
        var dayOfYear = ((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146_097L) + dayOfEra - 719_468;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!IsDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
