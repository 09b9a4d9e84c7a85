using System.Buffers;
using System.Diagnostics;
using System.Text;
using WebsocketProxy.Client.Internal;
using WebsocketProxy.Ipc;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client;

public sealed partial class WebsocketProxyClient
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    private void StartPump(ClientSession session)
    {
        _pump = new Thread(() => PumpLoop(session)) { IsBackground = true, Name = "wsproxy-frames" };
        _pump.Start();
    }

    private void StopPump()
    {
        var pump = _pump;
        if (pump is not null && pump != Thread.CurrentThread)
        {
            pump.Join(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>
    /// Reads the broadcast ring, sleeping on its wake mechanism when idle, and probes the proxy's lease so a dead
    /// proxy is noticed within <see cref="ProbeInterval"/> plus one wait.
    /// </summary>
    private void PumpLoop(ClientSession session)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var instanceLease = ProxyNames.InstanceLease(Options.Instance);
        var lastProbe = Stopwatch.GetTimestamp();
        var lastHeartbeat = lastProbe;
        var reader = session.Broadcast;
        var token = session.Stopping;
        var probeFailed = false;
        var heartbeat = new HeartbeatWatch(reader.WriterHeartbeat);
        try
        {
            while (!token.IsCancellationRequested)
            {
                if (Stopwatch.GetElapsedTime(lastProbe) >= ProbeInterval)
                {
                    lastProbe = Stopwatch.GetTimestamp();
                    if (session.LostReason is { } lost)
                    {
                        // The session gave up by itself (its reply thread failed).
                        TriggerRecovery(session, lost);
                        return;
                    }

                    if (!ProbeProxy(instanceLease, ref probeFailed))
                    {
                        TriggerRecovery(session, "the proxy exited");
                        return;
                    }

                    WatchHeartbeat(heartbeat, reader.WriterHeartbeat);
                }

                if (Stopwatch.GetElapsedTime(lastHeartbeat) >= HeartbeatInterval)
                {
                    lastHeartbeat = Stopwatch.GetTimestamp();
                    session.TryPost(new HeartbeatCommand(0, reader.Received, reader.Lost));
                }

                buffer.ResetWrittenCount();
                var result = reader.TryRead(buffer);
                switch (result.Status)
                {
                    case ReadStatus.Message:
                        DispatchSafely(buffer.WrittenMemory);
                        break;
                    case ReadStatus.Lost:
                        DeliverToAll(ProxyFrameKind.Gap, "Messages were lost: this client read too slowly for the broadcast ring.", result.LostCount);
                        break;
                    case ReadStatus.Corrupt:
                        ReportCorruption(reader.LastCorruption, result.LostCount);
                        break;
                    case ReadStatus.WriterRestarted:
                        TriggerRecovery(session, "the proxy restarted");
                        return;
                    default:
                        reader.WaitForData(TimeSpan.FromMilliseconds(100), token);
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Client disposed or session replaced.
        }
        catch (ObjectDisposedException) when (token.IsCancellationRequested)
        {
            // The session was disposed under the loop as it stopped.
        }
#pragma warning disable CA1031 // An unhandled exception on this thread would end the application: recover instead.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log(Microsoft.Extensions.Logging.LogLevel.Error, "Reading frames from the proxy failed; reconnecting: " + ex);
            TriggerRecovery(session, "reading its frames failed: " + ex.Message);
        }
    }

    /// <summary>
    /// Whether the proxy still holds its lease. A probe that cannot tell (out of file descriptors, say) counts as
    /// alive and is tried again at the next probe; it is logged once per session, not at every probe.
    /// </summary>
    private bool ProbeProxy(string instanceLease, ref bool failedBefore)
    {
        try
        {
            return Lease.IsHeld(instanceLease);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (!failedBefore)
            {
                failedBefore = true;
                Log(Microsoft.Extensions.Logging.LogLevel.Warning, "Cannot probe the proxy's lease; assuming it is alive and retrying: " + ex.Message);
            }

            return true;
        }
    }

    /// <summary>What an attached frame handler threw: logged, and the frames go on.</summary>
    internal void LogHandlerFailure(Exception exception) =>
        Log(Microsoft.Extensions.Logging.LogLevel.Error, "A frame handler threw: " + exception);

    /// <summary>An exception from an application callback is logged; it must not stop frames for everyone else.</summary>
    private void DispatchSafely(ReadOnlyMemory<byte> record)
    {
        try
        {
            Dispatch(record);
        }
#pragma warning disable CA1031 // Application callbacks may throw anything; the receive thread must survive.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log(Microsoft.Extensions.Logging.LogLevel.Error, "A callback threw while handling a frame: " + ex);
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> record)
    {
        if (!EventHeader.TryRead(record.Span, out var header) || !_connections.TryGetValue(header.ConnectionId, out var connection))
        {
            return;
        }

        var payload = record[EventHeader.Size..];
        var body = payload.Span;
        var callback = Options.Callback;
        switch (header.Kind)
        {
            case EventKind.Data:
                connection.DeliverData(payload, header.MessageType);
                callback?.OnData(header.ConnectionId, body, header.MessageType, 0);
                break;
            case EventKind.Reconnected:
                connection.Deliver(new ProxyFrame(ProxyFrameKind.Reconnected, header.ConnectionId, ReadOnlyMemory<byte>.Empty, Message: "Upstream reconnected; subscriptions restored.", Outage: TimeSpan.FromTicks(header.Argument)));
                callback?.OnOpened(header.ConnectionId);
                break;
            case EventKind.Disconnected:
                var dropped = "Upstream dropped; reconnecting: " + Encoding.UTF8.GetString(body);
                connection.Deliver(new ProxyFrame(ProxyFrameKind.Gap, header.ConnectionId, ReadOnlyMemory<byte>.Empty, Message: dropped));
                callback?.OnGap(header.ConnectionId, 0, dropped);
                break;
            case EventKind.Error:
                var error = Encoding.UTF8.GetString(body);
                connection.Deliver(new ProxyFrame(ProxyFrameKind.Error, header.ConnectionId, ReadOnlyMemory<byte>.Empty, Message: error));
                callback?.OnError(header.ConnectionId, error);
                break;
            case EventKind.Closed:
                ProxyConnection[] closed;
                lock (_linksGate)
                {
                    // An open in flight may have joined it just before it ended: its reply finds the ended link (and
                    // closes its handle at once) until no open is in flight any more.
                    closed = connection.End();
                    if (_opensInFlight == 0)
                    {
                        _connections.TryRemove(header.ConnectionId, out _);
                    }
                }

                var closedFrame = new ProxyFrame(ProxyFrameKind.Closed, header.ConnectionId, ReadOnlyMemory<byte>.Empty, Message: Encoding.UTF8.GetString(body));
                foreach (var handle in closed)
                {
                    handle.Deliver(closedFrame);
                }

                callback?.OnClosed(header.ConnectionId);
                break;
            default:
                // Opened is announced to the opener by its reply; joiners are not re-told.
                break;
        }
    }

    /// <summary>
    /// The broadcast ring held damaged bytes (<see cref="ReadStatus.Corrupt"/>). Every connection is told: a
    /// <see cref="ProxyFrameKind.Gap"/> with the messages skipped, when any, then an <see cref="ProxyFrameKind.Error"/>
    /// with the reason (and <c>OnGap</c>/<c>OnError</c>). The connections stay open: the reader has already moved
    /// to the live tail, or waits for the proxy to publish a valid one, so frames resume without a reconnect.
    /// </summary>
    private void ReportCorruption(string? reason, long lost)
    {
        var message = "The broadcast ring from the proxy is damaged; frames resume at its live tail: " + (reason ?? "no detail.");
        Log(Microsoft.Extensions.Logging.LogLevel.Error, message);
        if (lost > 0)
        {
            DeliverToAll(ProxyFrameKind.Gap, "Messages were lost: the broadcast ring is damaged.", lost);
        }

        DeliverToAll(ProxyFrameKind.Error, message);
    }

    /// <summary>
    /// A proxy that holds its lease but stamps no heartbeat is stopped or hung: every connection gets an
    /// <see cref="ProxyFrameKind.Error"/> saying so (its frames would otherwise just stop), and, when the proxy stamps
    /// again, a <see cref="ProxyFrameKind.Gap"/> whose <see cref="ProxyFrame.Outage"/> is how long it was away. The
    /// connections stay open: what the upstream sent meanwhile waited in the proxy's socket, or the proxy reports the
    /// upstream's drop and reconnect as usual.
    /// </summary>
    private void WatchHeartbeat(HeartbeatWatch watch, DateTimeOffset stamp)
    {
        switch (watch.Observe(stamp, out var silence))
        {
            case HeartbeatChange.Stale:
                var stale = $"The proxy (pid {ServerId}) holds its lease but has stamped no heartbeat for {silence.TotalSeconds:0.#} s: it is stopped or hung. Frames resume if it recovers; stop it to make the clients start another.";
                Log(Microsoft.Extensions.Logging.LogLevel.Warning, stale);
                DeliverToAll(ProxyFrameKind.Error, stale);
                break;
            case HeartbeatChange.Resumed:
                var resumed = $"The proxy (pid {ServerId}) resumed after {silence.TotalSeconds:0.#} s without a heartbeat; frames were delayed, not lost, unless a Gap or a reconnect says otherwise.";
                Log(Microsoft.Extensions.Logging.LogLevel.Information, resumed);
                DeliverToAll(ProxyFrameKind.Gap, resumed, outage: silence);
                break;
        }
    }

    private void DeliverToAll(ProxyFrameKind kind, string message, long lost = 0, TimeSpan outage = default)
    {
        foreach (var connection in _connections.Values)
        {
            connection.Deliver(new ProxyFrame(kind, connection.Id, ReadOnlyMemory<byte>.Empty, Message: message, Outage: outage, LostMessages: lost));
            if (kind is not (ProxyFrameKind.Gap or ProxyFrameKind.Error) || Options.Callback is not { } callback)
            {
                continue;
            }

            try
            {
                if (kind == ProxyFrameKind.Gap)
                {
                    callback.OnGap(connection.Id, lost, message);
                }
                else
                {
                    callback.OnError(connection.Id, message);
                }
            }
#pragma warning disable CA1031 // Application callbacks may throw anything; the receive thread must survive.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log(Microsoft.Extensions.Logging.LogLevel.Error, $"A callback threw while handling {(kind == ProxyFrameKind.Gap ? "a gap" : "an error")}: " + ex);
            }
        }
    }
}
