namespace MultiStrategy.Strategies;

/// <summary>Watches the quoted spread and signals when it widens past a threshold (and when it has clearly come back).</summary>
internal sealed class SpreadMonitor(decimal wideBasisPoints)
{
    private bool _wide;

    public string? OnQuote(decimal bid, decimal ask)
    {
        if (bid <= 0 || ask <= 0 || ask < bid)
        {
            return null;
        }

        var mid = (bid + ask) / 2;
        var spread = (ask - bid) / mid * 10_000m;
        // Hysteresis: a spread hovering at the threshold would otherwise flip on every quote.
        var wide = _wide ? spread >= wideBasisPoints * 0.5m : spread >= wideBasisPoints;
        if (wide == _wide)
        {
            return null;
        }

        _wide = wide;
        return wide ? $"WIDE   {spread:F1} bp ({bid:F2} x {ask:F2})" : $"NORMAL {spread:F1} bp";
    }
}
