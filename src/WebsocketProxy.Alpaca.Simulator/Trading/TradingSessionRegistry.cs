namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>The open <c>/stream</c> sessions: a copy-on-write array, read on every trade update without a lock.</summary>
internal sealed class TradingSessionRegistry
{
    private readonly Lock _lock = new();
    private TradingConnection[] _snapshot = [];

    public TradingConnection[] Snapshot => Volatile.Read(ref _snapshot);

    public void Add(TradingConnection session)
    {
        lock (_lock)
        {
            _snapshot = [.. _snapshot, session];
        }
    }

    public void Remove(TradingConnection session)
    {
        lock (_lock)
        {
            _snapshot = Array.FindAll(_snapshot, s => s != session);
        }
    }
}
