using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace WebsocketProxy.Client;

/// <summary>
/// The original proxy's callback interface, for applications that prefer callbacks to
/// <see cref="IProxyConnection.ReadFramesAsync"/>. Every method has an empty default. Callbacks run on the
/// client's receive thread: keep them short and never block in them.
/// </summary>
public interface IWebsocketProxyCallback
{
    /// <summary>The proxy process went away; the client is starting a new one and will restore connections.</summary>
    void OnServerDisconnected()
    {
    }

    /// <summary>A connection opened (or reopened after the proxy was restarted).</summary>
    void OnOpened(long connectionId)
    {
    }

    /// <summary>A connection closed for good.</summary>
    void OnClosed(long connectionId)
    {
    }

    /// <summary>An error about a connection.</summary>
    void OnError(long connectionId, string message)
    {
    }

    /// <summary>An upstream message. <paramref name="remaining"/> is always 0: messages arrive whole.</summary>
    void OnData(long connectionId, ReadOnlySpan<byte> data, WebSocketMessageType messageType, int remaining)
    {
    }

    /// <summary>
    /// Messages of a connection were lost: this client fell a whole broadcast ring behind
    /// (<paramref name="lostMessages"/> says how many), or the upstream or the proxy went away (0: not known).
    /// </summary>
    void OnGap(long connectionId, long lostMessages, string message)
    {
    }

    /// <summary>A log line from the client library.</summary>
    void OnLog(LogLevel level, string message)
    {
    }
}
