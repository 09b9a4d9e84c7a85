using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace WebsocketProxy.Alpaca.Models;

/// <summary>
/// An option contract as its OCC (OSI) symbol names it, the form Alpaca's option streams take and send, unpadded:
/// the root (1 to 6 capital letters or digits, starting with a letter), the expiration as <c>yymmdd</c>, <c>C</c> or
/// <c>P</c>, and the strike times 1000 in eight digits. <c>AAPL241220C00200000</c> is the AAPL call of 20 December
/// 2024 at strike 200. <see cref="ToString"/> writes the symbol.
/// </summary>
/// <example>
/// <code>
/// var symbol = new OptionContract("AAPL", new DateOnly(2024, 12, 20), OptionRight.Call, 200m).ToString();
/// await foreach (var trade in proxy.Options.Trades(symbol, ct)) { var strike = OptionContract.Parse(trade.Symbol).Strike; }
/// </code>
/// </example>
public readonly record struct OptionContract
{
    private const int SuffixLength = 15;
    private const int MaxRootLength = 6;
    private const decimal MaxStrike = 99_999.999m;

    /// <summary>A contract; the arguments must fit the OCC symbol.</summary>
    /// <param name="root">The option root, usually the underlying's symbol (<c>AAPL</c>, <c>SPXW</c>).</param>
    /// <param name="expiration">The expiration date, 2000 to 2099.</param>
    /// <param name="right">Call or put.</param>
    /// <param name="strike">The strike, above 0 and below 100,000, in steps of 0.001.</param>
    /// <exception cref="ArgumentException">An argument does not fit the OCC symbol.</exception>
    public OptionContract(string root, DateOnly expiration, OptionRight right, decimal strike)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!IsRoot(root))
        {
            throw new ArgumentException($"'{root}' is not an option root: 1 to {MaxRootLength} capital letters or digits, starting with a letter.", nameof(root));
        }

        if (expiration.Year is < 2000 or > 2099)
        {
            throw new ArgumentOutOfRangeException(nameof(expiration), expiration, "An OCC symbol writes the year in two digits: 2000 to 2099.");
        }

        if (!Enum.IsDefined(right))
        {
            throw new ArgumentOutOfRangeException(nameof(right), right, "Unknown option right.");
        }

        if (strike <= 0 || strike > MaxStrike || decimal.Round(strike, 3) != strike)
        {
            throw new ArgumentOutOfRangeException(nameof(strike), strike, "The strike must be above 0 and below 100,000, in steps of 0.001.");
        }

        Root = root;
        Expiration = expiration;
        Right = right;
        Strike = strike;
    }

    /// <summary>The option root, usually the underlying's symbol.</summary>
    public string Root { get; }

    /// <summary>The expiration date.</summary>
    public DateOnly Expiration { get; }

    /// <summary>Call or put.</summary>
    public OptionRight Right { get; }

    /// <summary>The strike price.</summary>
    public decimal Strike { get; }

    /// <summary>Reads an OCC symbol such as <c>AAPL241220C00200000</c>.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <returns>The contract it names.</returns>
    /// <exception cref="FormatException">The text is not an OCC option symbol.</exception>
    public static OptionContract Parse(string symbol) =>
        TryParse(symbol, out var contract)
            ? contract
            : throw new FormatException($"'{symbol}' is not an OCC option symbol such as AAPL241220C00200000 (root, yymmdd, C or P, strike x1000 in 8 digits).");

    /// <summary>Reads an OCC symbol such as <c>AAPL241220C00200000</c>; false for anything else.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="contract">The contract it names, when it is one.</param>
    /// <returns>Whether the text is an OCC option symbol.</returns>
    public static bool TryParse([NotNullWhen(true)] string? symbol, out OptionContract contract)
    {
        contract = default;
        if (symbol is null || symbol.Length - SuffixLength is < 1 or > MaxRootLength)
        {
            return false;
        }

        var rootLength = symbol.Length - SuffixLength;
        var suffix = symbol.AsSpan(rootLength);
        if (!IsRoot(symbol.AsSpan(0, rootLength))
            || !IsDigits(suffix[..6]) || suffix[6] is not ('C' or 'P') || !IsDigits(suffix[7..])
            || !TryReadDate(suffix[..6], out var expiration))
        {
            return false;
        }

        var thousandths = long.Parse(suffix[7..], NumberStyles.None, CultureInfo.InvariantCulture);
        if (thousandths == 0)
        {
            return false;
        }

        contract = new OptionContract(symbol[..rootLength], expiration, suffix[6] == 'C' ? OptionRight.Call : OptionRight.Put, thousandths / 1000m);
        return true;
    }

    /// <summary>The OCC symbol, such as <c>AAPL241220C00200000</c>; empty for <see langword="default"/>.</summary>
    /// <returns>The symbol.</returns>
    public override string ToString() =>
        Root is null
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $"{Root}{Expiration:yyMMdd}{(Right == OptionRight.Call ? 'C' : 'P')}{(long)(Strike * 1000):D8}");

    private static bool IsRoot(ReadOnlySpan<char> root)
    {
        if (root.Length is < 1 or > MaxRootLength || !char.IsAsciiLetterUpper(root[0]))
        {
            return false;
        }

        foreach (var c in root)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
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
