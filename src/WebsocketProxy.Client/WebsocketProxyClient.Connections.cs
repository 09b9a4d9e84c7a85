using Microsoft.Extensions.Logging;
using WebsocketProxy.Client.Internal;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client;

public sealed partial class WebsocketProxyClient
{
    /// <summary>
    /// Opens the upstream connection described by <paramref name="options"/>, or joins it when another client
    /// (of any process) already has it open with the same URL and credentials (<see cref="IProxyConnection.IsNew"/>).
    /// Each call returns its own handle, also when this client already holds the connection: every handle gets
    /// every frame and counts its own subscriptions, and the connection is released when the last handle closes.
    /// </summary>
    /// <exception cref="WebsocketProxyException">The proxy could not open it (invalid URL, unreachable host, TLS failure, refused...).</exception>
    public async Task<IProxyConnection> OpenAsync(ProxyConnectionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ObjectDisposedException.ThrowIf(_disposed != 0, this);

        // While the proxy is being replaced, the new one gets this client's connections back first.
        await WaitForRecoveryAsync(cancellationToken).ConfigureAwait(false);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var open = new PendingOpen(options);
        lock (_linksGate)
        {
            // Counted and posted under the lock that posts CloseCommands: while an open is in flight no
            // CloseCommand is sent, so the proxy never releases a hold that the open's reply is about to use.
            _opensInFlight++;
            open.Completion = CompleteOpenAsync(open, PostAsync(c => new OpenCommand(c, options)));
        }

        try
        {
            var connection = (await open.Completion.WaitAsync(Options.RequestTimeout, Options.TimeProvider, cancellationToken).ConfigureAwait(false))!;
            Options.Callback?.OnOpened(connection.Id);
            Log(LogLevel.Information, $"Connection {connection.Id} to {SafeUrl.Format(options.Url)} opened (new: {connection.IsNew}).");
            return connection;
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            // The proxy may still open it: the late reply releases what nobody took.
            ProxyConnection? late;
            lock (_linksGate)
            {
                open.Abandoned = true;
                late = open.Handle;
            }

            if (late is not null)
            {
                await CloseHandleAsync(late).ConfigureAwait(false);
            }

            if (ex is TimeoutException)
            {
                throw new WebsocketProxyException($"The proxy did not answer within {Options.RequestTimeout.TotalSeconds:0.#} s.", ex);
            }

            throw;
        }
    }

    /// <summary>Opens without waiting; <see cref="ConnectionOpened"/> (and the callback) report the outcome.</summary>
    public void Open(ProxyConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var token = _lifetime.Token;
        _ = Task.Run(async () =>
        {
            IProxyConnection? connection = null;
            Exception? error = null;
            try
            {
                connection = await OpenAsync(options, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebsocketProxyException or OperationCanceledException or ObjectDisposedException)
            {
                error = ex;
                Options.Callback?.OnError(0, ex.Message);
            }

            ConnectionOpened?.Invoke(this, new ConnectionOpenedEventArgs(options, connection, error));
        });
    }

    /// <summary>Closes every handle this client has on a connection; upstream closes when no client holds it any more.</summary>
    /// <exception cref="WebsocketProxyException">The id is unknown.</exception>
    public async Task CloseAsync(long connectionId, CancellationToken cancellationToken = default)
    {
        if (_disposed != 0)
        {
            return;
        }

        if (!_connections.TryGetValue(connectionId, out var link))
        {
            if (Volatile.Read(ref _recovering) != 0)
            {
                // Ids restart on every proxy: an id not restored yet may name another connection on the new one.
                throw new WebsocketProxyException($"Connection {connectionId} is not held here, or is being restored on a new proxy; retry after its Reconnected frame, or dispose its handle.");
            }

            // Not held here: the proxy says so (or releases a hold this client lost track of).
            await RequestAsync(c => new CloseCommand(c, connectionId), cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var handle in link.Handles)
        {
            await CloseHandleAsync(handle).ConfigureAwait(false);
        }
    }

    /// <summary>Closes every connection this client holds.</summary>
    public async Task CloseAllAsync(CancellationToken cancellationToken = default)
    {
        foreach (var id in _connections.Keys.ToArray())
        {
            await CloseAsync(id, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Opens on the proxy for recovery, which rebinds an existing link to the new id.</summary>
    private async Task<(long Id, bool IsNew)> OpenOnProxyAsync(ProxyConnectionOptions options, CancellationToken cancellationToken)
    {
        // Waits for the proxy's answer, which its own connect and readiness timeouts bound: giving up sooner would
        // leave the hold its late reply takes on the proxy for the life of this client.
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var reply = await Volatile.Read(ref _session).RequestAsync(c => new OpenCommand(c, options, Restoring: true), Options.RequestTimeout + OpenReplyAllowance, cancellationToken).ConfigureAwait(false);
        return ReadOpened(reply);
    }
}
