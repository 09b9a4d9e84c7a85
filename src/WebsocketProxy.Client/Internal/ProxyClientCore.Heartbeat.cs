using System.Diagnostics;
using Microsoft.Extensions.Logging;
using WebsocketProxy.Ipc;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client.Internal;

internal sealed partial class ProxyClientCore
{
    /// <summary>How often a client tries again to replace a hung proxy while another client holds the spawn lock.</summary>
    private static readonly TimeSpan HungRetryInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long the replacing client waits for the kernel to release a killed proxy's lease.</summary>
    private static readonly TimeSpan KilledProxyRelease = TimeSpan.FromSeconds(5);

    // Frame thread only; reset with every registration's pump.
    private long _lastHungAttempt;
    private bool _hungRefusalLogged;

    /// <summary>
    /// A proxy that holds its lease but stamps no heartbeat is stopped or hung: every connection gets an
    /// <see cref="ProxyFrameKind.Error"/> saying so (its frames would otherwise just stop), and, when the proxy stamps
    /// again, a <see cref="ProxyFrameKind.Gap"/> whose <see cref="ProxyFrame.Outage"/> is how long it was away. The
    /// connections stay open: what the upstream sent meanwhile waited in the proxy's socket, or the proxy reports the
    /// upstream's drop and reconnect as usual. Silent for <see cref="WebsocketProxyClientOptions.HungProxyTimeout"/>,
    /// the proxy is terminated by one of its clients and replaced as a dead one is.
    /// </summary>
    /// <returns>Why the pump must hand over to recovery (this client terminated the proxy), or <see langword="null"/>.</returns>
    private string? WatchHeartbeat(ProxyRegistration registration, HeartbeatWatch watch, DateTimeOffset stamp)
    {
        switch (watch.Observe(stamp, out var silence))
        {
            case HeartbeatChange.Stale:
                _lastHungAttempt = 0;
                _hungRefusalLogged = false;
                var replaced = Options.HungProxyTimeout > TimeSpan.Zero
                    ? $"it is replaced after {Options.HungProxyTimeout.TotalSeconds:0.#} s without one"
                    : "stop it to make the clients start another";
                var stale = $"The proxy (pid {ServerId}) holds its lease but has stamped no heartbeat for {silence.TotalSeconds:0.#} s: it is stopped or hung. Frames resume if it recovers; {replaced}.";
                Log(LogLevel.Warning, stale);
                DeliverToAll(ProxyFrameKind.Error, stale);
                break;
            case HeartbeatChange.Hung when _lastHungAttempt == 0 || Stopwatch.GetElapsedTime(_lastHungAttempt) >= HungRetryInterval:
                _lastHungAttempt = Stopwatch.GetTimestamp();
                if (TryTerminateHungProxy(registration, silence))
                {
                    return $"it stamped no heartbeat for {silence.TotalSeconds:0.#} s and was terminated as hung";
                }

                break;
            case HeartbeatChange.Resumed:
                var resumed = $"The proxy (pid {ServerId}) resumed after {silence.TotalSeconds:0.#} s without a heartbeat; frames were delayed, not lost, unless a Gap or a reconnect says otherwise.";
                Log(LogLevel.Information, resumed);
                DeliverToAll(ProxyFrameKind.Gap, resumed, outage: silence);
                break;
        }

        return null;
    }

    /// <summary>
    /// Terminates the hung proxy of <paramref name="registration"/> when this client gets the spawn lock (so one
    /// client acts, and none while a proxy is being started) and the process is provably this user's proxy of this
    /// instance (<see cref="HungProxy.Refusal"/>). The lock is held until the proxy's lease is released, so no other
    /// client takes the dying proxy for a live one.
    /// </summary>
    private bool TryTerminateHungProxy(ProxyRegistration registration, TimeSpan silence)
    {
        var instance = Options.Instance;
        var instanceLease = ProxyNames.InstanceLease(instance, Options.Backend);
        Lease? spawnLock;
        try
        {
            if (!Lease.TryAcquire(ProxyNames.SpawnLock(instance, Options.Backend), out spawnLock))
            {
                // Another client is replacing it, or starting a proxy: looked at again shortly.
                return false;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogRefusalOnce($"Cannot take the spawn lock to replace the hung proxy: {ex.Message}");
            return false;
        }

        using (spawnLock)
        {
            var pid = (int)registration.ServerId;
            if (HungProxy.Refusal(pid, instanceLease) is { } refusal)
            {
                LogRefusalOnce($"The proxy (pid {pid}) has stamped no heartbeat for {silence.TotalSeconds:0.#} s, but it is not terminated: {refusal}.");
                return false;
            }

            Log(LogLevel.Error, $"The proxy (pid {pid}) of instance '{instance}' has stamped no heartbeat for {silence.TotalSeconds:0.#} s " +
                $"(HungProxyTimeout {Options.HungProxyTimeout.TotalSeconds:0.#} s): terminating it; a new proxy takes over and every connection is restored.");
            HungProxy.Kill(pid);
            var killed = Stopwatch.GetTimestamp();
            while (ProbeQuietly(instanceLease) && Stopwatch.GetElapsedTime(killed) < KilledProxyRelease)
            {
                Thread.Sleep(10);
            }

            return true;
        }
    }

    private static bool ProbeQuietly(string lease)
    {
        try
        {
            return Lease.IsHeld(lease);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private void LogRefusalOnce(string message)
    {
        if (!_hungRefusalLogged)
        {
            _hungRefusalLogged = true;
            Log(LogLevel.Warning, message);
        }
    }
}
