using Microsoft.Extensions.Logging;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client.Internal;

internal sealed partial class ProxyClientCore
{
    /// <summary>
    /// The proxy went away: tell the application (Gap on every connection, the callback), start or find a new
    /// proxy under a fresh registration, reopen every connection, replay its subscriptions, then emit Reconnected.
    /// </summary>
    private async Task RecoverAsync(ProxyRegistration old, string reason)
    {
        var time = Options.TimeProvider;
        var started = time.GetTimestamp();
        Log(LogLevel.Warning, $"Lost the proxy ({reason}); starting a new one.");
        old.Fail(new WebsocketProxyException($"The proxy went away ({reason}); the client is reconnecting."));

        // Ids restart at 1 on every proxy: until a connection has its new id, a command with its old one could
        // reach another connection of this client there, so commands on it fail instead.
        lock (_linksGate)
        {
            foreach (var connection in _connections.Values)
            {
                connection.Unbind();
            }
        }

        Notify(AllCallbacks(), c => c.OnServerDisconnected(), "the loss of the proxy");
        DeliverToAll(ProxyFrameKind.Gap, $"The proxy went away ({reason}); messages until it is back are lost.");
        old.Dispose();

        var token = _lifetime.Token;
        ProxyRegistration? registration = null;
        var wait = _respawn.ProxyLost(time.GetElapsedTime(Volatile.Read(ref _registeredAt)));
        if (wait > TimeSpan.Zero)
        {
            Log(LogLevel.Error, $"The proxy went away {_respawn.Failures} times in a row soon after it started; the next one is started in {wait.TotalSeconds:0.0} s. {WhereTheProxySaysWhy()}");
        }

        while (registration is null && !token.IsCancellationRequested)
        {
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, token).ConfigureAwait(false);
            }

            try
            {
                registration = await RegisterAsync(Options, _starter, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebsocketProxyException or IOException or InvalidDataException && !token.IsCancellationRequested)
            {
                wait = _respawn.Failed();
                Log(LogLevel.Error, $"Starting or reaching a new proxy failed ({_respawn.Failures} failures in a row): {ex.Message} Next attempt in {wait.TotalSeconds:0.0} s. {WhereTheProxySaysWhy()}");
            }
        }

        if (registration is null || _disposed != 0)
        {
            registration?.Dispose();
            return;
        }

        // A full fence, paired with DisposeAsync's: either it sees this registration, or this sees it disposing.
        Interlocked.Exchange(ref _registration, registration);
        Volatile.Write(ref _registeredAt, time.GetTimestamp());
        ConnectionLink[] connections = [.. _connections.Values, .. TakeDeferred()];
        _connections.Clear();
        if (_disposed != 0)
        {
            registration.Cancel();
            registration.Dispose();
            CloseUnrestored(connections);
            return;
        }

        StartPump(registration);
        var deferred = new List<ConnectionLink>();
        try
        {
            foreach (var connection in connections)
            {
                // The new proxy died too: the connections not yet restored wait for the next recovery.
                if (registration.LostReason is not null || !await ReopenAsync(registration, connection, time.GetElapsedTime(started), token).ConfigureAwait(false))
                {
                    deferred.Add(connection);
                }
            }
        }
        finally
        {
            Defer(deferred);

            // Disposed half-way: a connection left out would keep its readers and handlers waiting forever.
            CloseUnrestored([.. connections.Except(deferred)]);
        }

        if (registration.LostReason is null)
        {
            Log(LogLevel.Information, $"Recovered on proxy {registration.ServerId} after {time.GetElapsedTime(started).TotalMilliseconds:0} ms.");
        }
    }

    /// <summary>
    /// Restores one connection on the new proxy; <see langword="false"/> when that proxy died meanwhile (the
    /// connection is left for the next recovery), <see langword="true"/> when restored or closed for good.
    /// </summary>
    private async Task<bool> ReopenAsync(ProxyRegistration registration, ConnectionLink connection, TimeSpan outage, CancellationToken token)
    {
        var oldId = connection.Id;
        if (connection.IsClosed)
        {
            // Disposed by the application during recovery.
            return true;
        }

        try
        {
            var (id, _) = await OpenOnProxyAsync(connection.Options, token).ConfigureAwait(false);
            Task? release = null;
            var replies = new List<Task<Reply>>();
            bool closed;
            lock (_linksGate)
            {
                // Under the handles' lock: a handle closing now either saw the connection unbound (and left the
                // hold to this) or sees it bound, after its subscriptions were replayed, and releases them itself.
                connection.Rebind(id);

                // Held before the pump can find it under its new id: nothing of the new proxy may reach the handles
                // ahead of the Reconnected, which waits for the replay to be acknowledged.
                connection.Hold(new ProxyFrame(ProxyFrameKind.Reconnected, id, ReadOnlyMemory<byte>.Empty, Message: "The proxy was restarted; connection and subscriptions restored.", Outage: outage));
                _connections[id] = connection;
                closed = connection.IsClosed;
                if (!closed)
                {
                    // Posted before the connection takes commands again, so whatever a handle changes next follows
                    // its replay in the ring and the proxy's counts stay the handles' sum.
                    foreach (var handle in connection.Handles)
                    {
                        handle.PostReplay(id, replies);
                    }

                    connection.Bind();
                }
                else if (_opensInFlight == 0)
                {
                    // Every handle was disposed while it was being reopened: give back the hold just taken. (With
                    // an open in flight, the release waits for its reply, as CloseHandleAsync's does.)
                    release = ReleaseLocked(connection);
                }
            }

            if (closed)
            {
                if (release is not null)
                {
                    await release.WaitAsync(token).ConfigureAwait(false);
                }

                return true;
            }

            await Task.WhenAll(replies).WaitAsync(Options.RequestTimeout, Options.TimeProvider, token).ConfigureAwait(false);
            ReleaseRestored(connection);
        }
        catch (WebsocketProxyException) when (registration.LostReason is not null && _disposed == 0)
        {
            lock (_linksGate)
            {
                // By this link only: ids restart on every proxy, and a link not yet rebound carries an old id that
                // may be a restored link's new one.
                _connections.TryRemove(new KeyValuePair<long, ConnectionLink>(connection.Id, connection));
                connection.Unbind();
            }

            return false;
        }
        catch (Exception ex) when (ex is WebsocketProxyException or TimeoutException or OperationCanceledException or ObjectDisposedException)
        {
            Log(LogLevel.Error, $"Connection {oldId} could not be restored: {ex.Message}");

            // Opened on the new proxy but not restored (a replayed subscribe refused or unanswered): the hold taken
            // there is given back once its handles are told, not left for the life of this client.
            bool release;
            lock (_linksGate)
            {
                release = !connection.HasEnded && _connections.TryRemove(new KeyValuePair<long, ConnectionLink>(connection.Id, connection));
            }

            var callbacks = connection.Callbacks;
            connection.Deliver(new ProxyFrame(ProxyFrameKind.Error, oldId, ReadOnlyMemory<byte>.Empty, Message: "Restoring the connection on the new proxy failed: " + ex.Message));
            connection.Deliver(new ProxyFrame(ProxyFrameKind.Closed, oldId, ReadOnlyMemory<byte>.Empty, Message: ex.Message));
            if (release)
            {
                var id = connection.Id;
                _ = LogFailureAsync(PostAsync(c => new CloseCommand(c, id)), $"Releasing connection {id}");
            }

            Notify(callbacks, c => c.OnClosed(oldId), "a connection that could not be restored");
        }
        finally
        {
            // Restored (released already), closed, left for the next recovery or failed: whatever it held is not
            // delivered (the Gap of the loss covers it), and its data flows again.
            connection.Discard();
        }

        return true;
    }

    /// <summary>
    /// Delivers a restored link's Reconnected (and OnOpened), then the data held since it was reopened, then a Gap
    /// for what the hold dropped. Once per restore, by whichever comes first: the acknowledged replay, or an event
    /// of the new proxy about the connection (which must not overtake the data held before it).
    /// </summary>
    private void ReleaseRestored(ConnectionLink connection) => connection.Release((reconnected, held, lost) =>
    {
        var id = connection.Id;
        connection.Deliver(reconnected);
        Notify(connection.Callbacks, c => c.OnOpened(id), "a restored connection");
        foreach (var frame in held)
        {
            try
            {
                DeliverData(connection, id, frame.Payload, frame.MessageType);
            }
#pragma warning disable CA1031 // Application callbacks may throw anything; the other frames and recovery go on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log(LogLevel.Error, "A callback threw while handling a frame: " + ex);
            }
        }

        if (lost > 0)
        {
            var message = $"Messages that arrived while the connection was being restored were dropped: more than {ConnectionLink.MaxHeldBytes >> 20} MiB were waiting.";
            connection.Deliver(new ProxyFrame(ProxyFrameKind.Gap, id, ReadOnlyMemory<byte>.Empty, Message: message, LostMessages: lost));
            Notify(connection.Callbacks, c => c.OnGap(id, lost, message), "a gap");
        }
    });

    private void CloseUnrestored(ConnectionLink[] connections)
    {
        foreach (var connection in connections)
        {
            if (!connection.IsClosed && !_connections.Values.Contains(connection))
            {
                connection.MarkClosed();
            }
        }
    }

    /// <summary>Where the reason of a proxy that keeps dying is to be found.</summary>
    private string WhereTheProxySaysWhy() =>
        Options.ProxyLogFile is { } log
            ? $"The proxy's log: {log}"
            : $"The proxy writes no log file (WebsocketProxyClientOptions.ProxyLogFile); run `websocket-proxy run --instance {Options.Instance}` to see its error.";
}
