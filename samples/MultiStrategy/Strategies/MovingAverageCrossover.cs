namespace MultiStrategy.Strategies;

/// <summary>Signals when a fast simple moving average of closes crosses a slow one.</summary>
internal sealed class MovingAverageCrossover(int fast, int slow)
{
    private readonly Queue<decimal> _closes = new();
    private int _lastSign;

    public string? OnClose(decimal close)
    {
        _closes.Enqueue(close);
        if (_closes.Count > slow)
        {
            _closes.Dequeue();
        }

        if (_closes.Count < slow)
        {
            return null;
        }

        var fastAverage = _closes.Skip(slow - fast).Average();
        var slowAverage = _closes.Average();
        var sign = Math.Sign(fastAverage - slowAverage);
        var crossed = sign != 0 && _lastSign != 0 && sign != _lastSign;
        if (sign != 0)
        {
            _lastSign = sign;
        }

        return crossed ? (sign > 0 ? $"BUY  fast {fastAverage:F2} > slow {slowAverage:F2}" : $"SELL fast {fastAverage:F2} < slow {slowAverage:F2}") : null;
    }
}
