namespace WebsocketProxy.Alpaca.Tests.Chaos;

/// <summary>
/// Where each strategy's output stood just before the fault, and what the fault recorded for the expectation
/// (a pid, a count): the lines after a mark are what the strategy printed because of the fault.
/// </summary>
internal sealed class ChaosMarks
{
    private readonly Dictionary<ChaosStrategy, int> _marks;

    public ChaosMarks(IEnumerable<ChaosStrategy> strategies)
    {
        _marks = strategies.ToDictionary(s => s, s => s.Mark());
    }

    /// <summary>Facts the fault recorded for its expectation ("proxyPid", "victim"...).</summary>
    public Dictionary<string, object> Facts { get; } = new(StringComparer.Ordinal);

    /// <summary>The mark of a strategy running before the fault; 0 for one started after it.</summary>
    public int Of(ChaosStrategy strategy) => _marks.GetValueOrDefault(strategy);

    public T Fact<T>(string name) => (T)Facts[name];
}
