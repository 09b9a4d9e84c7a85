namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>An account's holding in one symbol: signed quantity (negative when short) and the cost of what is held.</summary>
internal sealed class SimPosition
{
    public decimal Qty { get; private set; }

    /// <summary>What the held quantity cost, signed like <see cref="Qty"/>.</summary>
    public decimal CostBasis { get; private set; }

    public decimal AvgEntryPrice => Qty == 0 ? 0 : decimal.Round(CostBasis / Qty, 9);

    /// <summary>Applies a fill: <paramref name="qty"/> signed (positive buys).</summary>
    public void Apply(decimal qty, decimal price)
    {
        var next = Qty + qty;
        if (Qty == 0 || Math.Sign(qty) == Math.Sign(Qty))
        {
            CostBasis += qty * price;
        }
        else if (Math.Sign(next) == Math.Sign(Qty))
        {
            // Reduced: what is left keeps its average price.
            CostBasis = CostBasis * next / Qty;
        }
        else
        {
            // Closed, or crossed to the other side: what is left was opened at this price.
            CostBasis = next * price;
        }

        Qty = next;
    }
}
