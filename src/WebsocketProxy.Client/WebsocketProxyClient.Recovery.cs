using Microsoft.Extensions.Logging;
using WebsocketProxy.Client.Internal;
using WebsocketProxy.Client.Protocol;

namespace WebsocketProxy.Client;

public sealed partial class WebsocketProxyClient
{
    private void TriggerRecovery(ClientSession session, string reason)
    {
        if (_disposed == 0 && Interlocked.CompareExchange(ref _recovering, 1, 0) == 0)
        {
            _ = Task.Run(() => RecoverUnlessDisposedAsync(session, reason));
        }
    }

    private async Task RecoverUnlessDisposedAsync(ClientSession session, string reason)
    {
        try
        {
            await RecoverAsync(session, reason).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException && _disposed != 0)
        {
            // The application disposed the client while it was recovering.
        }
    }

    /// <summary>
    /// The proxy went away: tell the application (Gap on every connection, the callback), start or find a new
    /// proxy under a fresh registration, reopen every connection, replay its subscriptions, then emit Reconnected.
    /// </summary>
    private async Task RecoverAsync(ClientSession old, string reason)
    {
        var time = Options.TimeProvider;
        var started = time.GetTimestamp();
        Log(LogLevel.Warning, $"Lost the proxy ({reason}); starting a new one.");
        old.Fail(new WebsocketProxyException($"The proxy went away ({reason}); the client is reconnecting."));
        Options.Callback?.OnServerDisconnected();
        DeliverToAll(ProxyFrameKind.Gap, $"The proxy went away ({reason}); messages until it is back are lost.");
        old.Dispose();

        var token = _lifetime.Token;
        ClientSession? session = null;
        while (session is null && !token.IsCancellationRequested)
        {
            try
            {
                session = await StartSessionAsync(Options, _starter, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebsocketProxyException or IOException && !token.IsCancellationRequested)
            {
                Log(LogLevel.Error, "Reconnecting to the proxy failed, retrying: " + ex.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, token).ConfigureAwait(false);
            }
        }

        if (session is null || _disposed != 0)
        {
            session?.Dispose();
            return;
        }

        // A full fence, paired with DisposeAsync's: either it sees this session, or this sees it disposing.
        Interlocked.Exchange(ref _session, session);
        var connections = _connections.Values.ToArray();
        _connections.Clear();
        if (_disposed != 0)
        {
            session.Cancel();
            session.Dispose();
            CloseUnrestored(connections);
            return;
        }

        StartPump(session);
        try
        {
            foreach (var connection in connections)
            {
                await ReopenAsync(connection, time.GetElapsedTime(started), token).ConfigureAwait(false);
            }
        }
        finally
        {
            // Disposed half-way: a connection left out would keep its readers and handlers waiting forever.
            CloseUnrestored(connections);
        }

        Interlocked.Exchange(ref _recovering, 0);
        Log(LogLevel.Information, $"Recovered on proxy {session.ServerId} after {time.GetElapsedTime(started).TotalMilliseconds:0} ms.");
    }

    private async Task ReopenAsync(ConnectionLink connection, TimeSpan outage, CancellationToken token)
    {
        var oldId = connection.Id;
        try
        {
            var (id, _) = await OpenOnProxyAsync(connection.Options, token).ConfigureAwait(false);
            connection.Rebind(id);
            _connections[id] = connection;
            foreach (var (template, topics) in connection.SubscriptionBatches())
            {
                await RequestAsync(c => new SubscriptionCommand(c, true, id, template, topics), token).ConfigureAwait(false);
            }

            connection.Deliver(new ProxyFrame(ProxyFrameKind.Reconnected, id, ReadOnlyMemory<byte>.Empty, Message: "The proxy was restarted; connection and subscriptions restored.", Outage: outage));
            Options.Callback?.OnOpened(id);
        }
        catch (Exception ex) when (ex is WebsocketProxyException or OperationCanceledException or ObjectDisposedException)
        {
            Log(LogLevel.Error, $"Connection {oldId} could not be restored: {ex.Message}");
            connection.Deliver(new ProxyFrame(ProxyFrameKind.Error, oldId, ReadOnlyMemory<byte>.Empty, Message: "Restoring the connection on the new proxy failed: " + ex.Message));
            connection.Deliver(new ProxyFrame(ProxyFrameKind.Closed, oldId, ReadOnlyMemory<byte>.Empty, Message: ex.Message));
            Options.Callback?.OnClosed(oldId);
        }
    }

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
}
