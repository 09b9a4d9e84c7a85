namespace MultiStrategy.Strategies;

/// <summary>Keeps a running VWAP of trades and signals when a trade prints far from it.</summary>
internal sealed class VwapDeviation(decimal thresholdBasisPoints)
{
    private decimal _notional;
    private decimal _volume;

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

        var deviation = (price - vwap) / vwap * 10_000m;
        return Math.Abs(deviation) >= thresholdBasisPoints ? $"{(deviation > 0 ? "RICH" : "CHEAP")} {price:F2} vs VWAP {vwap:F2} ({deviation:+0;-0} bp)" : null;
    }
}
