using System.Diagnostics;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client.Internal;

/// <summary>
/// Watches the proxy's heartbeat stamp for change (never comparing its clock with ours): no new stamp for
/// <see cref="ProxyHeartbeat.StaleAfter"/> means the proxy is stopped or hung; a new stamp after that, that it resumed.
/// Used by the frame thread alone.
/// </summary>
internal sealed class HeartbeatWatch(DateTimeOffset stamp)
{
    private DateTimeOffset _stamp = stamp;
    private long _changedAt = Stopwatch.GetTimestamp();
    private bool _stale;

    /// <summary>What the latest stamp says.</summary>
    /// <param name="stamp">The heartbeat now in the ring's header.</param>
    /// <param name="silence">With <see cref="HeartbeatChange.Stale"/> and <see cref="HeartbeatChange.Resumed"/>: how long no stamp came.</param>
    public HeartbeatChange Observe(DateTimeOffset stamp, out TimeSpan silence)
    {
        silence = Stopwatch.GetElapsedTime(_changedAt);
        if (stamp != _stamp)
        {
            _stamp = stamp;
            _changedAt = Stopwatch.GetTimestamp();
            var resumed = _stale;
            _stale = false;
            return resumed ? HeartbeatChange.Resumed : HeartbeatChange.None;
        }

        if (!_stale && silence >= ProxyHeartbeat.StaleAfter)
        {
            _stale = true;
            return HeartbeatChange.Stale;
        }

        return HeartbeatChange.None;
    }
}

/// <summary>What <see cref="HeartbeatWatch.Observe"/> saw.</summary>
internal enum HeartbeatChange
{
    None,
    Stale,
    Resumed,
}
