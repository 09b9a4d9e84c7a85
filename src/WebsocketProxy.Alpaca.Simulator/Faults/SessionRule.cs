namespace WebsocketProxy.Alpaca.Simulator.Faults;

/// <summary>
/// A fault that applies to the next sessions that authenticate: to a number of them, or to all of them until a
/// moment on the simulator's clock. Thread-safe; a session takes its turn with <see cref="TryTake"/>.
/// </summary>
internal sealed class SessionRule
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private int _remaining;
    private long _untilTimestamp = long.MinValue;
    private int _code;
    private TimeSpan _delay;

    public SessionRule(TimeProvider time)
    {
        _time = time;
    }

    public bool IsActive
    {
        get
        {
            lock (_lock)
            {
                return _remaining > 0 || _time.GetTimestamp() < _untilTimestamp;
            }
        }
    }

    public void ForCount(int count, int code, TimeSpan delay)
    {
        lock (_lock)
        {
            _remaining = count;
            _untilTimestamp = long.MinValue;
            _code = code;
            _delay = delay;
        }
    }

    public void ForPeriod(TimeSpan period, int code, TimeSpan delay)
    {
        lock (_lock)
        {
            _remaining = 0;
            _untilTimestamp = _time.GetTimestamp() + (long)(period.TotalSeconds * _time.TimestampFrequency);
            _code = code;
            _delay = delay;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _remaining = 0;
            _untilTimestamp = long.MinValue;
        }
    }

    /// <summary>Whether the rule applies to this session; a counted rule is used up by one.</summary>
    public bool TryTake(out int code, out TimeSpan delay)
    {
        lock (_lock)
        {
            code = _code;
            delay = _delay;
            if (_remaining > 0)
            {
                _remaining--;
                return true;
            }

            return _time.GetTimestamp() < _untilTimestamp;
        }
    }
}
