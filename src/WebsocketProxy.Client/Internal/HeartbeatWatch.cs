using System.Diagnostics;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client.Internal;

/// <summary>
/// Watches the proxy's heartbeat stamp for change (never comparing its clock with ours): no new stamp for
/// <see cref="ProxyHeartbeat.StaleAfter"/> means the proxy is stopped or hung; none for <paramref name="hungAfter"/>
/// that it is to be replaced; a new stamp after that, that it resumed. Used by the frame thread alone.
/// </summary>
/// <remarks>
/// Measured on the machine's monotonic clock, not the client's <see cref="TimeProvider"/>: the proxy stamps in
/// real time, and a test's fake clock jumping minutes ahead must not make a healthy proxy look hung.
/// </remarks>
internal sealed class HeartbeatWatch(DateTimeOffset stamp, TimeSpan hungAfter)
{
    private DateTimeOffset _stamp = stamp;
    private long _changedAt = Stopwatch.GetTimestamp();
    private bool _stale;

    /// <summary>What the latest stamp says.</summary>
    /// <param name="stamp">The heartbeat now in the ring's header.</param>
    /// <param name="silence">With <see cref="HeartbeatChange.Stale"/>, <see cref="HeartbeatChange.Hung"/> and <see cref="HeartbeatChange.Resumed"/>: how long no stamp came.</param>
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

        // Said at every look past the bound: whoever acts on it may have to try again (another client held the lock).
        return _stale && hungAfter > TimeSpan.Zero && silence >= hungAfter ? HeartbeatChange.Hung : HeartbeatChange.None;
    }
}

/// <summary>What <see cref="HeartbeatWatch.Observe"/> saw.</summary>
internal enum HeartbeatChange
{
    None,
    Stale,

    /// <summary>Silent for the hung-proxy bound: still silent, and to be replaced.</summary>
    Hung,
    Resumed,
}
