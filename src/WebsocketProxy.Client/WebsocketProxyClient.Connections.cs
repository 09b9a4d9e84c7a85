using Microsoft.Extensions.Logging;
using WebsocketProxy.Client.Internal;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client;

public sealed partial class WebsocketProxyClient
{
    /// <summary>
    /// Opens the upstream connection described by <paramref name="options"/>, or joins it when another client
    /// (of any process) already has it open with the same URL and credentials (<see cref="IProxyConnection.IsNew"/>).
    /// Each call returns its own handle, also when this process already holds the connection: every handle gets
    /// every frame and counts its own subscriptions, and the connection is released when the last handle closes.
    /// </summary>
    /// <exception cref="WebsocketProxyException">The proxy could not open it (invalid URL, unreachable host, TLS failure, refused...).</exception>
    public async Task<IProxyConnection> OpenAsync(ProxyConnectionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var connection = await _core.OpenAsync(this, options, cancellationToken).ConfigureAwait(false);
        if (_disposed != 0)
        {
            // Disposed while the open was in flight: the handle would outlive its client.
            await _core.CloseHandleAsync(connection).ConfigureAwait(false);
            throw new ObjectDisposedException(nameof(WebsocketProxyClient));
        }

        Options.Callback?.OnOpened(connection.Id);
        Log(LogLevel.Information, $"Connection {connection.Id} to {SafeUrl.Format(options.Url)} opened (new: {connection.IsNew}).");
        return connection;
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

    /// <summary>
    /// Closes every handle this client has on a connection; upstream closes when no client (of any process) holds
    /// it any more. Handles of other clients of this process are left alone.
    /// </summary>
    /// <exception cref="WebsocketProxyException">The id is unknown, or held only by other clients of this process.</exception>
    public async Task CloseAsync(long connectionId, CancellationToken cancellationToken = default)
    {
        if (_disposed != 0)
        {
            return;
        }

        ConnectionHandle[] mine;
        lock (_handlesGate)
        {
            // A connection being restored on a new proxy still has its old id, which may name another one there.
            mine = [.. _handles.Where(h => !h.IsClosed && !h.Link.IsUnbound && h.Id == connectionId)];
        }

        if (mine.Length == 0)
        {
            if (_core.Holds(connectionId))
            {
                // Releasing the process's hold would close other clients' handles under them.
                throw new WebsocketProxyException($"Connection {connectionId} is not held by this client (another client of this process holds it).");
            }

            if (_core.IsRecovering)
            {
                // Ids restart on every proxy: an id not restored yet may name another connection on the new one.
                throw new WebsocketProxyException($"Connection {connectionId} is not held here, or is being restored on a new proxy; retry after its Reconnected frame, or dispose its handle.");
            }

            // Not held here: the proxy says so (or releases a hold this process lost track of).
            await RequestAsync(c => new CloseCommand(c, connectionId), cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var handle in mine)
        {
            await _core.CloseHandleAsync(handle).ConfigureAwait(false);
        }
    }

    /// <summary>Closes every connection this client holds.</summary>
    public async Task CloseAllAsync(CancellationToken cancellationToken = default)
    {
        foreach (var id in Connections.Select(c => c.Id).Distinct().ToArray())
        {
            await CloseAsync(id, cancellationToken).ConfigureAwait(false);
        }
    }
}
