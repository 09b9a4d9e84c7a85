using System.Diagnostics;
using System.Text;
using WebsocketProxy.Ipc;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client.Internal;

internal sealed partial class ProxyClientCore
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    private void StartPump(ProxyRegistration registration)
    {
        _pump = new Thread(() => PumpLoop(registration)) { IsBackground = true, Name = "wsproxy-frames" };
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
    /// Reads the broadcast ring in batches (<see cref="PumpStage"/>: records of connections this process does not hold
    /// are skipped without a copy), sleeping on its wake mechanism when idle, and probes the proxy's lease so a dead
    /// proxy is noticed within <see cref="ProbeInterval"/> plus one wait.
    /// </summary>
    private void PumpLoop(ProxyRegistration registration)
    {
        var stage = new PumpStage(_connections);
        var instanceLease = ProxyNames.InstanceLease(Options.Instance, Options.Backend);
        var lastProbe = Stopwatch.GetTimestamp();
        var lastHeartbeat = lastProbe;
        var reader = registration.Broadcast;
        var token = registration.Stopping;
        var probeFailed = false;
        var heartbeat = new HeartbeatWatch(reader.WriterHeartbeat, Options.HungProxyTimeout);
        try
        {
            while (!token.IsCancellationRequested)
            {
                if (Stopwatch.GetElapsedTime(lastProbe) >= ProbeInterval)
                {
                    lastProbe = Stopwatch.GetTimestamp();
                    if (registration.LostReason is { } lost)
                    {
                        // The registration gave up by itself (its reply thread failed).
                        TriggerRecovery(registration, lost);
                        return;
                    }

                    if (!ProbeProxy(instanceLease, ref probeFailed))
                    {
                        TriggerRecovery(registration, "the proxy exited");
                        return;
                    }

                    if (WatchHeartbeat(registration, heartbeat, reader.WriterHeartbeat) is { } terminated)
                    {
                        TriggerRecovery(registration, terminated);
                        return;
                    }
                }

                if (Stopwatch.GetElapsedTime(lastHeartbeat) >= HeartbeatInterval)
                {
                    lastHeartbeat = Stopwatch.GetTimestamp();
                    registration.TryPost(new HeartbeatCommand(0, reader.Received, reader.Lost));
                }

                stage.Clear();
                var result = reader.TryReadBatch(ref stage, PumpStage.Visitor, PumpStage.MaxMessages);
                switch (result.Status)
                {
                    case ReadStatus.Message:
                        if (result.LostCount > 0)
                        {
                            DeliverToAll(ProxyFrameKind.Gap, "Messages were lost: this client read too slowly for the broadcast ring.", result.LostCount);
                        }

                        // Validated: the staged records of held connections go to their handles, in ring order.
                        for (var i = 0; i < stage.Count; i++)
                        {
                            DispatchSafely(stage[i]);
                        }

                        break;
                    case ReadStatus.Lost:
                        // A lap during the batch: whatever it staged may be torn, and is counted in LostCount.
                        DeliverToAll(ProxyFrameKind.Gap, "Messages were lost: this client read too slowly for the broadcast ring.", result.LostCount);
                        break;
                    case ReadStatus.Corrupt:
                        ReportCorruption(reader.LastCorruption, result.LostCount);
                        break;
                    case ReadStatus.WriterRestarted:
                        TriggerRecovery(registration, "the proxy restarted");
                        return;
                    default:
                        reader.WaitForData(TimeSpan.FromMilliseconds(100), token);
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Client disposed or registration replaced.
        }
        catch (ObjectDisposedException) when (token.IsCancellationRequested)
        {
            // The registration was disposed under the loop as it stopped.
        }
#pragma warning disable CA1031 // An unhandled exception on this thread would end the application: recover instead.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log(Microsoft.Extensions.Logging.LogLevel.Error, "Reading frames from the proxy failed; reconnecting: " + ex);
            TriggerRecovery(registration, "reading its frames failed: " + ex.Message);
        }
    }

    /// <summary>
    /// Whether the proxy still holds its lease. A probe that cannot tell (out of file descriptors, say) counts as
    /// alive and is tried again at the next probe; it is logged once per registration, not at every probe.
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
        if (header.Kind != EventKind.Data)
        {
            if (header.Kind != EventKind.Opened && connection.IsHolding)
            {
                // Being restored: the Reconnected and the data held before this event come first, in ring order.
                ReleaseRestored(connection);
            }

            DispatchEvent(header, connection, payload.Span);
            return;
        }

        if (!connection.TryHold(payload, header.MessageType))
        {
            DeliverData(connection, header.ConnectionId, payload, header.MessageType);
        }
    }

    /// <summary>An upstream message to the link's handles and to the callbacks of the clients holding it, each once.</summary>
    private static void DeliverData(ConnectionLink connection, long id, ReadOnlyMemory<byte> payload, System.Net.WebSockets.WebSocketMessageType messageType)
    {
        // The data path captures nothing: a lambda capturing a local of this method would allocate its closure on every
        // call, data or not (it did: 88 B a message).
        var body = payload.Span;
        connection.DeliverData(payload, messageType);
        foreach (var callback in connection.Callbacks)
        {
            callback.OnData(id, body, messageType, 0);
        }
    }

    /// <summary>A connection event (not data): rare, so its callbacks may capture.</summary>
    private void DispatchEvent(EventHeader header, ConnectionLink connection, ReadOnlySpan<byte> body)
    {
        var callbacks = connection.Callbacks;
        switch (header.Kind)
        {
            case EventKind.Reconnected:
                connection.Deliver(new ProxyFrame(ProxyFrameKind.Reconnected, header.ConnectionId, ReadOnlyMemory<byte>.Empty, Message: "Upstream reconnected; its subscriptions have been sent again.", Outage: TimeSpan.FromTicks(header.Argument)));
                Notify(callbacks, c => c.OnOpened(header.ConnectionId), "a reconnect");
                break;
            case EventKind.Lost:
                var lost = Encoding.UTF8.GetString(body);
                connection.Deliver(new ProxyFrame(ProxyFrameKind.Gap, header.ConnectionId, ReadOnlyMemory<byte>.Empty, Message: lost, LostMessages: header.Argument));
                Notify(callbacks, c => c.OnGap(header.ConnectionId, header.Argument, lost), "a gap");
                break;
            case EventKind.Disconnected:
                var dropped = "Upstream dropped; reconnecting: " + Encoding.UTF8.GetString(body);
                connection.Deliver(new ProxyFrame(ProxyFrameKind.Gap, header.ConnectionId, ReadOnlyMemory<byte>.Empty, Message: dropped));
                Notify(callbacks, c => c.OnGap(header.ConnectionId, 0, dropped), "a gap");
                break;
            case EventKind.Error:
                var error = Encoding.UTF8.GetString(body);
                connection.Deliver(new ProxyFrame(ProxyFrameKind.Error, header.ConnectionId, ReadOnlyMemory<byte>.Empty, Message: error));
                Notify(callbacks, c => c.OnError(header.ConnectionId, error), "an error");
                break;
            case EventKind.Closed:
                ConnectionHandle[] closed;
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

                Notify(callbacks, c => c.OnClosed(header.ConnectionId), "a close");
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

    private void DeliverToAll(ProxyFrameKind kind, string message, long lost = 0, TimeSpan outage = default)
    {
        foreach (var connection in _connections.Values)
        {
            connection.Deliver(new ProxyFrame(kind, connection.Id, ReadOnlyMemory<byte>.Empty, Message: message, Outage: outage, LostMessages: lost));
            var id = connection.Id;
            if (kind == ProxyFrameKind.Gap)
            {
                Notify(connection.Callbacks, c => c.OnGap(id, lost, message), "a gap");
            }
            else if (kind == ProxyFrameKind.Error)
            {
                Notify(connection.Callbacks, c => c.OnError(id, message), "an error");
            }
        }
    }
}
