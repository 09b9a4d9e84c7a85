using Microsoft.Extensions.Logging;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client.Internal;

// Local handles on shared connections. The proxy keeps one hold per (registration, connection) and counts each
// topic per registration; this process keeps one ConnectionLink per connection id with a handle per OpenAsync (of
// any of its WebsocketProxyClients), and each handle sends its own subscribe and unsubscribe commands, so the
// proxy's count is the sum over the handles. Closing a handle unsubscribes what it counted; closing the last one
// releases the hold. That needs no change to the protocol or the proxy, and a proxy restart replays every
// handle's subscriptions.
internal sealed partial class ProxyClientCore
{
    private static readonly TimeSpan OpenReplyAllowance = TimeSpan.FromMinutes(5);

    private readonly Lock _linksGate = new();
    private int _opensInFlight;

    /// <summary>
    /// Closes one handle: its readers and handlers get Closed; what it subscribed is unsubscribed, or, when it
    /// was the last handle, the connection is released (deferred while another open is in flight: its reply may
    /// name this connection, whose hold must then still be there).
    /// </summary>
    public async Task CloseHandleAsync(ConnectionHandle handle)
    {
        var owner = handle.Owner;
        owner.Untrack(handle);
        var batches = _disposed == 0 ? handle.BeginClose() : null;
        if (batches is null)
        {
            return;
        }

        var link = handle.Link;
        var requests = new List<Task>();
        bool last;
        lock (_linksGate)
        {
            link.Remove(handle);
            last = link.IsClosed;
            if (link.HasEnded)
            {
                // The proxy closed it already.
            }
            else if (link.IsUnbound)
            {
                // Being restored on a new proxy: its old id means nothing there. The handle is gone from the link,
                // so recovery neither replays its subscriptions nor, when it was the last, restores the connection.
            }
            else if (last && _opensInFlight == 0)
            {
                requests.Add(NothingLeftIfUnknown(ReleaseLocked(link), link.Id));
            }
            else
            {
                foreach (var (template, topics) in batches)
                {
                    // Registered when the topics were counted, so the id is known; were it refused since, a new
                    // registration of the same template releases the same counts (the proxy counts per group).
                    var templateId = link.RegisterTemplate(template, PostAsync).Id;
                    requests.Add(NothingLeftIfUnknown(PostAsync(c => new SubscriptionCommand(c, false, link.Id, templateId, topics)), link.Id));
                }
            }
        }

        handle.Deliver(new ProxyFrame(ProxyFrameKind.Closed, link.Id, ReadOnlyMemory<byte>.Empty, Message: "Closed by this client."));
        if (last || !owner.Holds(link))
        {
            // Told once its client holds the connection no more.
            owner.Options.Callback?.OnClosed(link.Id);
        }

        var timeout = owner.Options.RequestTimeout;
        try
        {
            await Task.WhenAll(requests).WaitAsync(timeout, Options.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new WebsocketProxyException($"The proxy did not answer within {timeout.TotalSeconds:0.#} s.", ex);
        }
    }

    /// <summary>
    /// A release on its way when the proxy ended the connection (a fatal refusal, say): the proxy's Closed event is
    /// already in the broadcast ring, not yet read by the pump, and the proxy answers that it holds no such connection
    /// for this client. Nothing is left to release, so closing the handle succeeds.
    /// </summary>
    private static async Task NothingLeftIfUnknown(Task release, long connectionId)
    {
        try
        {
            await release.ConfigureAwait(false);
        }
        catch (WebsocketProxyException ex) when (ReplyErrors.IsUnknownConnection(ex.Message, connectionId))
        {
        }
    }

    /// <summary>Posts a command now (commands reach the proxy in the order posted) and returns its reply, however long it takes.</summary>
    public Task<Reply> PostAsync(Func<long, Command> create) =>
        _disposed != 0
            ? Task.FromException<Reply>(new ObjectDisposedException(nameof(WebsocketProxyClient)))
            : Volatile.Read(ref _registration).RequestAsync(create, Timeout.InfiniteTimeSpan, CancellationToken.None);

    /// <summary>Posts a command nobody waits for; a failure is logged.</summary>
    public void PostQuietly(Func<long, Command> create, string what) => _ = LogFailureAsync(PostAsync(create), what);

    private async Task<ConnectionHandle?> CompleteOpenAsync(PendingOpen open, Task<Reply> request)
    {
        Reply reply;
        try
        {
            // Far beyond what the proxy may take (its connect and readiness waits are two minutes at most each), but
            // bounded: a reply that never comes (dropped by the proxy while this client's reply ring stayed full)
            // must not keep an open counted in flight, which would hold back every release of this client.
            reply = await request.WaitAsync(open.Owner.Options.RequestTimeout + OpenReplyAllowance, Options.TimeProvider).ConfigureAwait(false);
        }
        catch
        {
            lock (_linksGate)
            {
                _opensInFlight--;
                ReleaseIdleLocked();
            }

            throw;
        }

        var (id, isNew) = ReadOpened(reply);
        ConnectionHandle? handle = null;
        lock (_linksGate)
        {
            _opensInFlight--;
            if (!_connections.TryGetValue(id, out var link))
            {
                link = new ConnectionLink(id, open.Options);
                _connections[id] = link;
            }

            if (!open.Abandoned)
            {
                handle = new ConnectionHandle(open.Owner, link, isNew, open.Options);
                open.Handle = handle;
                if (link.TryAdd(handle))
                {
                    open.Owner.Track(handle);
                }
                else
                {
                    handle.MarkClosed();
                }
            }

            // Releases the link just made when its open was abandoned, and any left idle while opens were in flight.
            ReleaseIdleLocked();
        }

        return handle;
    }

    private static (long Id, bool IsNew) ReadOpened(Reply reply)
    {
        var opened = OpenReply.Read(reply.Body.Span);
        return (opened.ConnectionId, opened.IsNew);
    }

    private void ReleaseIdleLocked()
    {
        if (_opensInFlight != 0)
        {
            return;
        }

        foreach (var link in _connections.Values.Where(l => l.IsClosed).ToArray())
        {
            if (link.HasEnded)
            {
                // Closed by the proxy while opens were in flight; no reply can name it any more.
                _connections.TryRemove(new KeyValuePair<long, ConnectionLink>(link.Id, link));
            }
            else
            {
                _ = LogFailureAsync(ReleaseLocked(link), $"Closing connection {link.Id}");
            }
        }
    }

    private Task ReleaseLocked(ConnectionLink link)
    {
        _connections.TryRemove(new KeyValuePair<long, ConnectionLink>(link.Id, link));
        link.End();
        var id = link.Id;
        return PostAsync(c => new CloseCommand(c, id));
    }

    private async Task LogFailureAsync(Task request, string what)
    {
        try
        {
            await request.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebsocketProxyException or ObjectDisposedException)
        {
            Log(LogLevel.Warning, $"{what} failed: {ex.Message}");
        }
    }

    /// <summary>One <see cref="OpenAsync"/> call; guarded by <see cref="_linksGate"/>.</summary>
    private sealed class PendingOpen(WebsocketProxyClient owner, ProxyConnectionOptions options)
    {
        public WebsocketProxyClient Owner { get; } = owner;

        public ProxyConnectionOptions Options { get; } = options;

        public Task<ConnectionHandle?> Completion { get; set; } = null!;

        /// <summary>The caller stopped waiting: the reply makes no handle.</summary>
        public bool Abandoned { get; set; }

        public ConnectionHandle? Handle { get; set; }
    }
}
