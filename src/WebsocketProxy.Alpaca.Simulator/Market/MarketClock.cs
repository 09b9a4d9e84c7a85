namespace WebsocketProxy.Alpaca.Simulator.Market;

/// <summary>Market time: a start instant plus elapsed time on the injected clock, times the time scale.</summary>
internal sealed class MarketClock
{
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;
    private readonly double _nanosPerTick;

    public MarketClock(TimeProvider time, long startNanos, double timeScale)
    {
        if (timeScale <= 0 || double.IsNaN(timeScale) || double.IsInfinity(timeScale))
        {
            throw new ArgumentOutOfRangeException(nameof(timeScale), timeScale, "The time scale must be a positive number.");
        }

        _time = time;
        StartNanos = startNanos;
        _startTimestamp = time.GetTimestamp();
        _nanosPerTick = 1e9 / time.TimestampFrequency * timeScale;
    }

    public long StartNanos { get; }

    public long NowNanos => StartNanos + (long)((_time.GetTimestamp() - _startTimestamp) * _nanosPerTick);
}
