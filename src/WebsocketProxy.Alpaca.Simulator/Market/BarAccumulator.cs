namespace WebsocketProxy.Alpaca.Simulator.Market;

/// <summary>OHLCV, VWAP and trade count of the trades of one period, built from exactly the trades sent.</summary>
internal sealed class BarAccumulator
{
    public long StartNanos { get; private set; }

    public double Open { get; private set; }

    public double High { get; private set; }

    public double Low { get; private set; }

    public double Close { get; private set; }

    public double Volume { get; private set; }

    public long Count { get; private set; }

    public double Vwap => Volume == 0 ? 0 : _notional / Volume;

    private double _notional;

    public void Reset(long startNanos)
    {
        StartNanos = startNanos;
        Open = High = Low = Close = Volume = _notional = 0;
        Count = 0;
    }

    public void CopyFrom(BarAccumulator other)
    {
        StartNanos = other.StartNanos;
        Open = other.Open;
        High = other.High;
        Low = other.Low;
        Close = other.Close;
        Volume = other.Volume;
        Count = other.Count;
        _notional = other._notional;
    }

    /// <summary>Adds a trade, which callers add in timestamp order so the last one is the close.</summary>
    public void Add(double price, double size)
    {
        if (Count == 0)
        {
            Open = High = Low = Close = price;
        }
        else
        {
            High = Math.Max(High, price);
            Low = Math.Min(Low, price);
            Close = price;
        }

        Volume += size;
        _notional += price * size;
        Count++;
    }
}
