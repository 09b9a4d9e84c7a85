using Microsoft.Extensions.Logging;
using WebsocketProxy.Client.Internal;
using WebsocketProxy.Client.Protocol;

namespace WebsocketProxy.Client;

public sealed partial class WebsocketProxyClient
{
    /// <summary>
    /// Opens the upstream connection described by <paramref name="options"/>, or joins it when another client
    /// (of any process) already has it open with the same URL and credentials (<see cref="IProxyConnection.IsNew"/>).
    /// </summary>
    /// <exception cref="WebsocketProxyException">The proxy could not open it (invalid URL, unreachable host, TLS failure, refused...).</exception>
    public async Task<IProxyConnection> OpenAsync(ProxyConnectionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var (id, isNew) = await OpenOnProxyAsync(options, cancellationToken).ConfigureAwait(false);
        var connection = new ProxyConnection(this, id, isNew, options);
        _connections[id] = connection;
        Options.Callback?.OnOpened(id);
        Log(LogLevel.Information, $"Connection {id} to {options.Url.GetLeftPart(UriPartial.Path)} opened (new: {isNew}).");
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

    /// <summary>Closes this client's hold on a connection; upstream closes when no client holds it any more.</summary>
    /// <exception cref="WebsocketProxyException">The id is unknown.</exception>
    public async Task CloseAsync(long connectionId, CancellationToken cancellationToken = default)
    {
        if (_disposed != 0)
        {
            return;
        }

        await RequestAsync(c => new CloseCommand(c, connectionId), cancellationToken).ConfigureAwait(false);
        if (_connections.TryRemove(connectionId, out var connection))
        {
            connection.Deliver(new ProxyFrame(ProxyFrameKind.Closed, connectionId, ReadOnlyMemory<byte>.Empty, Message: "Closed by this client."));
            Options.Callback?.OnClosed(connectionId);
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

    private async Task<(long Id, bool IsNew)> OpenOnProxyAsync(ProxyConnectionOptions options, CancellationToken cancellationToken)
    {
        var reply = await RequestReplyAsync(c => new OpenCommand(c, options), cancellationToken).ConfigureAwait(false);
        var reader = new WireReader(reply.Body.Span);
        return (reader.ReadInt64(), reader.ReadByte() != 0);
    }
}
