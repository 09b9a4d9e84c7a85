namespace WebsocketProxy.Alpaca.Simulator.Market;

/// <summary>
/// A crypto order book of a fixed depth on a price grid around a moving mid price. Each update reports only
/// the levels that changed (size 0 removes a level), as the real order-book stream does after its reset.
/// </summary>
internal sealed class OrderBook
{
    public const int Depth = 10;

    private readonly double _tick;
    private readonly Dictionary<long, double> _bids = [];
    private readonly Dictionary<long, double> _asks = [];
    private readonly List<(double Price, double Size)> _bidChanges = [];
    private readonly List<(double Price, double Size)> _askChanges = [];

    public OrderBook(double tick)
    {
        _tick = tick;
    }

    public IReadOnlyList<(double Price, double Size)> BidChanges => _bidChanges;

    public IReadOnlyList<(double Price, double Size)> AskChanges => _askChanges;

    public double BestBid { get; private set; }

    public double BestAsk { get; private set; }

    public double BestBidSize { get; private set; }

    public double BestAskSize { get; private set; }

    /// <summary>Moves the book to <paramref name="mid"/> and resizes one level a side; records what changed.</summary>
    public void Update(double mid, Rng rng)
    {
        _bidChanges.Clear();
        _askChanges.Clear();
        var top = (long)Math.Floor(mid / _tick);
        Rebuild(_bids, top, -1, rng, _bidChanges);
        Rebuild(_asks, top + 1, +1, rng, _askChanges);
        BestBid = Price(top);
        BestAsk = Price(top + 1);
        BestBidSize = _bids[top];
        BestAskSize = _asks[top + 1];
    }

    /// <summary>The full book, best first, for a reset message.</summary>
    public (List<(double Price, double Size)> Bids, List<(double Price, double Size)> Asks) Snapshot()
    {
        var bids = _bids.OrderByDescending(l => l.Key).Select(l => (Price(l.Key), l.Value)).ToList();
        var asks = _asks.OrderBy(l => l.Key).Select(l => (Price(l.Key), l.Value)).ToList();
        return (bids, asks);
    }

    private void Rebuild(Dictionary<long, double> side, long best, int direction, Rng rng, List<(double Price, double Size)> changes)
    {
        var furthest = best + (direction * (Depth - 1));
        var low = Math.Min(best, furthest);
        var high = Math.Max(best, furthest);
        foreach (var level in side.Keys.Where(k => k < low || k > high).ToList())
        {
            side.Remove(level);
            changes.Add((Price(level), 0));
        }

        for (var level = low; level <= high; level++)
        {
            if (!side.ContainsKey(level))
            {
                var size = NewSize(rng);
                side[level] = size;
                changes.Add((Price(level), size));
            }
        }

        var resized = best + (direction * rng.Next(Depth));
        var newSize = NewSize(rng);
        side[resized] = newSize;
        var resizedPrice = Price(resized);
        changes.RemoveAll(c => c.Price == resizedPrice);
        changes.Add((resizedPrice, newSize));
    }

    private double Price(long level) => Math.Round(level * _tick, 6);

    private static double NewSize(Rng rng) => Math.Round(0.001 + (rng.NextDouble() * 2), 4);
}
