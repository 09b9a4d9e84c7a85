using WebsocketProxy.Alpaca.Tests.Integration;

namespace WebsocketProxy.Alpaca.Tests.Chaos;

/// <summary>A strategy process of a chaos world and the one symbol whose trades it streams.</summary>
internal sealed record ChaosStrategy(StrategyProcess Process, string Symbol)
{
    public int Pid => Process.Id;

    /// <summary>Where its output stands now: pass to <see cref="StrategyProcess.WaitForLineAfterAsync"/> for lines printed after this.</summary>
    public int Mark() => Process.Seen.Count;

    /// <summary>Its lines from <paramref name="mark"/> on that start with <paramref name="prefix"/>.</summary>
    public string[] LinesSince(int mark, string prefix) => [.. Process.Seen.Skip(mark).Where(l => l.StartsWith(prefix, StringComparison.Ordinal))];

    /// <summary>A TRADE line of its symbol printed after <paramref name="mark"/>: it gets data (again).</summary>
    public Task<string> FreshTradeAsync(int mark) => Process.WaitForLineAfterAsync(mark, "TRADE " + Symbol);
}
