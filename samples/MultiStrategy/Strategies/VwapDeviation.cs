namespace MultiStrategy.Strategies;

/// <summary>Keeps a running VWAP of trades and signals when a trade prints far from it.</summary>
internal sealed class VwapDeviation(decimal thresholdBasisPoints)
{
    private decimal _notional;
    private decimal _volume;
    private int _side;

    public decimal Vwap => _volume == 0 ? 0 : _notional / _volume;

    public string? OnTrade(decimal price, decimal size)
    {
        _notional += price * size;
        _volume += size;
        var vwap = Vwap;
        if (vwap == 0)
        {
            return null;
        }

        // Signal only when a trade leaves (or comes back inside) the band around VWAP.
        var deviation = (price - vwap) / vwap * 10_000m;
        var side = Math.Abs(deviation) < thresholdBasisPoints ? 0 : Math.Sign(deviation);
        if (side == _side)
        {
            return null;
        }

        _side = side;
        return side switch
        {
            > 0 => $"RICH  {price:F2} vs VWAP {vwap:F2} ({deviation:+0} bp)",
            < 0 => $"CHEAP {price:F2} vs VWAP {vwap:F2} ({deviation:0} bp)",
            _ => $"BACK  inside {thresholdBasisPoints} bp of VWAP {vwap:F2}",
        };
    }
}
