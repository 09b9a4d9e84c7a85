using System.Net.WebSockets;

namespace WebsocketProxy.Client;

/// <summary>
/// One handle on an upstream WebSocket, as returned by one <see cref="WebsocketProxyClient.OpenAsync"/>. Many
/// clients (and processes), and many handles of one client, may hold the same upstream connection;
/// subscriptions are reference-counted across all of them. Disposing the handle releases its own subscriptions;
/// the connection closes when nobody holds it any more.
/// </summary>
public interface IProxyConnection : IAsyncDisposable
{
    /// <summary>The proxy's id of the upstream connection.</summary>
    long Id { get; }

    /// <summary><see langword="true"/> when this open created the upstream connection; <see langword="false"/> when it joined an existing one.</summary>
    bool IsNew { get; }

    /// <summary>The upstream URL.</summary>
    Uri Url { get; }

    /// <summary>Sends one message upstream as it is.</summary>
    /// <exception cref="WebsocketProxyException">
    /// The proxy refused or did not answer; or the proxy died and this connection is being restored on a new one
    /// (its old id means nothing there): retry after its <see cref="ProxyFrameKind.Reconnected"/> frame. The same
    /// holds for <see cref="SubscribeAsync"/> and <see cref="UnsubscribeAsync"/>.
    /// </exception>
    ValueTask SendAsync(ReadOnlyMemory<byte> message, WebSocketMessageType messageType = WebSocketMessageType.Text, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds this handle as a subscriber of <paramref name="topics"/>; upstream is asked only for topics nobody held yet.
    /// A subscribe that fails, times out or is cancelled leaves no count behind (the proxy is told to undo it).
    /// </summary>
    ValueTask SubscribeAsync(SubscriptionTemplate template, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes this handle as a subscriber of <paramref name="topics"/> (topics it does not hold are ignored); upstream
    /// is told only for topics nobody holds any more. Once posted, an unsubscribe applies even if cancelled.
    /// </summary>
    ValueTask UnsubscribeAsync(SubscriptionTemplate template, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default);

    /// <summary>The ordered stream of this connection's messages and events, from now on.</summary>
    IAsyncEnumerable<ProxyFrame> ReadFramesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Hands this connection's messages and events from now on to <paramref name="handler"/>: messages in order
    /// on the client's receive thread, without copying them and without a buffer in between, the cheapest way
    /// to read for a reader that never blocks (a decoder that dispatches to buffers of its own). The payload is
    /// valid only during the call. Events raised by closing or by recovery from a restarted proxy may come from
    /// other threads; calls never overlap and are never nested. While the handler runs, this client reads
    /// nothing else, so a slow handler makes the client fall behind the broadcast ring (reported as
    /// <see cref="ProxyFrameKind.Gap"/>). Unlike <see cref="ReadFramesAsync"/> there is no initial
    /// <see cref="ProxyFrameKind.Opened"/> item. Calls end with a <see cref="ProxyFrameKind.Closed"/> frame, or
    /// when the returned object is disposed; after its <see cref="IDisposable.Dispose"/> returns, no call is in
    /// progress on another thread. A handler's exception is logged and does not stop the frames.
    /// </summary>
    /// <remarks>The default implementation, for connections that only offer <see cref="ReadFramesAsync"/>, reads them on a task.</remarks>
    IDisposable AttachFrameHandler(ProxyFrameHandler handler) => Internal.FrameHandlerPump.Start(this, handler);
}
