using WebsocketProxy.Alpaca.Simulator.Market;

namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>
/// The matcher's own copy of a stock's market: the same seeded process as the market-data feeds' (so a fill's
/// price is a quote a subscriber saw), advanced on the market thread, with the orders resting on it in arrival
/// order and what is left of the latest quote's size after earlier fills took from it.
/// </summary>
internal sealed class TradingSymbol(StockSymbol stock, long producedUntil)
{
    public StockSymbol Stock { get; } = stock;

    /// <summary>Market time up to which <see cref="Stock"/> has been advanced.</summary>
    public long ProducedUntil { get; set; } = producedUntil;

    public List<SimOrder> Resting { get; } = [];

    public decimal AskLeft { get; set; }

    public decimal BidLeft { get; set; }

    public decimal Bid => Stock.LastBidCents / 100m;

    public decimal Ask => Stock.LastAskCents / 100m;

    public void Advance(long until)
    {
        if (until > ProducedUntil)
        {
            Stock.Advance(until, batch: null);
            ProducedUntil = until;
        }
    }
}
