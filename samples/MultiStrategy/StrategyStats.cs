namespace MultiStrategy;

/// <summary>Counts what one strategy saw; the loop writes, the reporter reads a snapshot.</summary>
internal sealed class StrategyStats(string name, string stream, MarketClock clock)
{
    private readonly Lock _gate = new();
    private readonly long _started = TimeProvider.System.GetTimestamp();
    private readonly double[] _latencies = new double[256];
    private long _messages;
    private long _signals;
    private long _gaps;
    private long _reconnects;
    private long _errors;
    private string? _lastSignal;

    public bool JoinedExisting { get; set; }

    public string? Fault { get; set; }

    /// <summary>Counts a message that became available at <paramref name="availableAt"/> (market time, UTC).</summary>
    public void OnMessage(DateTime availableAt, string? signal)
    {
        var latency = clock.LatencyMilliseconds(availableAt, DateTimeOffset.UtcNow);
        lock (_gate)
        {
            _latencies[_messages % _latencies.Length] = latency;
            _messages++;
            if (signal is not null)
            {
                _signals++;
                _lastSignal = signal;
            }
        }
    }

    public void OnGap(bool reconnected) => Interlocked.Increment(ref reconnected ? ref _reconnects : ref _gaps);

    public void OnError() => Interlocked.Increment(ref _errors);

    public StrategyReport Snapshot()
    {
        lock (_gate)
        {
            var count = (int)Math.Min(_messages, _latencies.Length);
            var recent = _latencies[..count];
            Array.Sort(recent);
            var seconds = TimeProvider.System.GetElapsedTime(_started).TotalSeconds;
            return new StrategyReport
            {
                Name = name,
                Stream = stream,
                Messages = _messages,
                MessagesPerSecond = seconds > 0 ? _messages / seconds : 0,
                Signals = _signals,
                LastSignal = _lastSignal,
                LatencyP50Milliseconds = count == 0 ? 0 : recent[count / 2],
                Gaps = Interlocked.Read(ref _gaps),
                Reconnects = Interlocked.Read(ref _reconnects),
                Errors = Interlocked.Read(ref _errors),
                JoinedExistingConnection = JoinedExisting,
                Fault = Fault,
            };
        }
    }
}
