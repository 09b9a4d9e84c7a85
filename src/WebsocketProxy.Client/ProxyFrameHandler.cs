namespace WebsocketProxy.Client;

/// <summary>
/// Receives a connection's frames in order (see <see cref="IProxyConnection.AttachFrameHandler"/>). The frame's
/// payload is only valid during the call: copy what must outlive it.
/// </summary>
/// <param name="frame">An upstream message or an event about the connection.</param>
public delegate void ProxyFrameHandler(in ProxyFrame frame);
