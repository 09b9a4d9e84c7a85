namespace MultiStrategy.Strategies;

/// <summary>
/// Watches the quoted spread against the symbol's own usual width (a slow moving average of it) and signals when
/// it widens to several times that, and when it has clearly come back. Relative, because a cent is 5 bp on a
/// $20 stock and a third of a basis point on a $300 one: no fixed threshold in basis points suits both.
/// </summary>
internal sealed class SpreadMonitor(decimal wideMultiple)
{
    // About the last hundred quotes make the usual width; a short widening barely moves it.
    private const decimal Smoothing = 0.01m;

    private decimal _usual;
    private bool _wide;

    public string? OnQuote(decimal bid, decimal ask)
    {
        if (bid <= 0 || ask <= 0 || ask < bid)
        {
            return null;
        }

        var mid = (bid + ask) / 2;
        var spread = (ask - bid) / mid * 10_000m;
        if (_usual == 0)
        {
            _usual = Math.Max(spread, 0.01m);
            return null;
        }

        var ratio = spread / _usual;
        _usual += (spread - _usual) * Smoothing;

        // Hysteresis: a spread hovering at the threshold would otherwise flip on every quote.
        var wide = _wide ? ratio >= wideMultiple / 2 : ratio >= wideMultiple;
        if (wide == _wide)
        {
            return null;
        }

        _wide = wide;
        return wide ? $"WIDE   {spread:F1} bp, {ratio:F1}x usual ({bid:F2} x {ask:F2})" : $"NORMAL {spread:F1} bp";
    }
}
