namespace WebsocketProxy.Alpaca.Simulator.Faults;

/// <summary>
/// Sessions that ended abruptly but still count against their key on their endpoint until they expire, as the
/// real service keeps a dropped session for about 90 s (a reconnect meanwhile gets 406).
/// </summary>
internal sealed class DeadSessions
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly List<(string KeyId, string Path, long ExpiresAt)> _sessions = [];

    public DeadSessions(TimeProvider time)
    {
        _time = time;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                RemoveExpired();
                return _sessions.Count;
            }
        }
    }

    public void Add(string keyId, string path, TimeSpan linger)
    {
        if (linger <= TimeSpan.Zero)
        {
            return;
        }

        lock (_lock)
        {
            _sessions.Add((keyId, path, _time.GetTimestamp() + (long)(linger.TotalSeconds * _time.TimestampFrequency)));
        }
    }

    /// <summary>How many dead sessions of this key still hold a place on this endpoint.</summary>
    public int Held(string keyId, string path)
    {
        lock (_lock)
        {
            RemoveExpired();
            var held = 0;
            foreach (var session in _sessions)
            {
                if (session.KeyId == keyId && session.Path == path)
                {
                    held++;
                }
            }

            return held;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _sessions.Clear();
        }
    }

    private void RemoveExpired()
    {
        var now = _time.GetTimestamp();
        _sessions.RemoveAll(s => s.ExpiresAt <= now);
    }
}
