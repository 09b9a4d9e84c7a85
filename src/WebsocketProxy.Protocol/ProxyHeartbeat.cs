namespace WebsocketProxy.Protocol;

/// <summary>
/// The proxy's sign of life in the broadcast ring's header: it stamps the heartbeat every <see cref="Interval"/> on a
/// timer of its own; a client that sees the proxy's lease held but no new stamp for <see cref="StaleAfter"/> reports
/// the proxy as stopped or hung (a SIGSTOP, a debugger, a frozen machine) instead of going silent. The lease alone
/// cannot tell: a stopped process still holds its locks.
/// </summary>
public static class ProxyHeartbeat
{
    /// <summary>How often the proxy stamps its heartbeat.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>Twenty intervals: far beyond a scheduling hiccup of a loaded machine, well within a trader's patience.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(5);
}
