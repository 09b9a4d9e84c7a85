using System.Globalization;

namespace WebsocketProxy.Alpaca.Simulator.Market;

/// <summary>
/// An option contract's OCC (OSI) symbol as Alpaca writes it, unpadded: a root of 1 to 6 letters or digits
/// (starting with a letter), the expiration as <c>yymmdd</c>, <c>C</c> or <c>P</c>, and the strike times 1000 in
/// eight digits, as in <c>AAPL241220C00200000</c> (AAPL, 20 Dec 2024, call, strike 200).
/// </summary>
internal readonly record struct OccSymbol(string Root, DateOnly Expiration, bool IsCall, decimal Strike)
{
    private const int SuffixLength = 15;
    private const int MaxRootLength = 6;

    /// <summary>Parses <paramref name="symbol"/>; false for anything that is not a well-formed OCC symbol.</summary>
    public static bool TryParse(string symbol, out OccSymbol parsed)
    {
        parsed = default;
        var rootLength = symbol.Length - SuffixLength;
        if (rootLength is < 1 or > MaxRootLength || !char.IsAsciiLetterUpper(symbol[0]))
        {
            return false;
        }

        var span = symbol.AsSpan();
        foreach (var c in span[..rootLength])
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        var suffix = span[rootLength..];
        if (!AllDigits(suffix[..6]) || suffix[6] is not ('C' or 'P') || !AllDigits(suffix[7..])
            || !TryReadDate(suffix[..6], out var expiration))
        {
            return false;
        }

        var thousandths = long.Parse(suffix[7..], NumberStyles.None, CultureInfo.InvariantCulture);
        if (thousandths == 0)
        {
            return false;
        }

        parsed = new OccSymbol(symbol[..rootLength], expiration, suffix[6] == 'C', thousandths / 1000m);
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads <c>yymmdd</c> as a date of 2000 to 2099 (a culture's two-digit-year window would put 99 in 1999).</summary>
    private static bool TryReadDate(ReadOnlySpan<char> digits, out DateOnly date)
    {
        var year = 2000 + int.Parse(digits[..2], NumberStyles.None, CultureInfo.InvariantCulture);
        var month = int.Parse(digits[2..4], NumberStyles.None, CultureInfo.InvariantCulture);
        var day = int.Parse(digits[4..], NumberStyles.None, CultureInfo.InvariantCulture);
        date = default;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }
}
