namespace WebsocketProxy.Alpaca.Simulator.Connections;

/// <summary>
/// The open connections. The market reads <see cref="Snapshot"/> on every tick, so it is a copy-on-write
/// array: readers never lock, and connections come and go rarely.
/// </summary>
internal sealed class ConnectionRegistry(SimulatorState state)
{
    private readonly Lock _lock = new();
    private SimulatorConnection[] _snapshot = [];

    public SimulatorConnection[] Snapshot => Volatile.Read(ref _snapshot);

    public void Add(SimulatorConnection connection)
    {
        lock (_lock)
        {
            _snapshot = [.. _snapshot, connection];
        }
    }

    public void Remove(SimulatorConnection connection)
    {
        lock (_lock)
        {
            _snapshot = Array.FindAll(_snapshot, c => c != connection);
        }
    }

    /// <summary>
    /// Claims a place for <paramref name="connection"/> under its key on its endpoint; false when the key
    /// already holds <paramref name="limit"/> connections there (error 406).
    /// </summary>
    public bool TryClaim(SimulatorConnection connection, string keyId, int limit)
    {
        lock (_lock)
        {
            var held = state.DeadSessions.Held(keyId, connection.Endpoint.Path);
            foreach (var other in _snapshot)
            {
                // A connection being closed or dropped no longer counts, so a client may reconnect at once,
                // unless it ended abruptly and DeadSessionLinger (or a drop fault) keeps it as a dead session.
                if (other != connection && other.IsLive && other.ClaimedKeyId == keyId && other.Endpoint == connection.Endpoint)
                {
                    held++;
                }
            }

            if (held >= limit)
            {
                return false;
            }

            connection.ClaimedKeyId = keyId;
            return true;
        }
    }
}
