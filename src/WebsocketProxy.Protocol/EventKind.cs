namespace WebsocketProxy.Protocol;

/// <summary>The kind of a record on the broadcast ring.</summary>
public enum EventKind : byte
{
    /// <summary>An upstream message; the body is its bytes.</summary>
    Data = 1,

    /// <summary>The upstream connection is open and ready.</summary>
    Opened = 2,

    /// <summary>The upstream connection is back; the argument is the outage in ticks.</summary>
    Reconnected = 3,

    /// <summary>An error about the connection; the body is a UTF-8 message.</summary>
    Error = 4,

    /// <summary>The upstream connection is closed for good; the body is a UTF-8 reason.</summary>
    Closed = 5,

    /// <summary>The upstream connection dropped and the proxy is reconnecting; the body is a UTF-8 reason.</summary>
    Disconnected = 6,

    /// <summary>
    /// Upstream messages the proxy dropped (a reconnected session received more than it may hold while its
    /// subscriptions were sent again); the argument is how many, the body a UTF-8 reason. A client reports it as a gap.
    /// </summary>
    Lost = 7,
}
