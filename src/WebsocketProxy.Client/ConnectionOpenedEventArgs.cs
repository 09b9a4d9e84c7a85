namespace WebsocketProxy.Client;

/// <summary>The outcome of a fire-and-forget <see cref="WebsocketProxyClient.Open"/>.</summary>
public sealed class ConnectionOpenedEventArgs : EventArgs
{
    internal ConnectionOpenedEventArgs(ProxyConnectionOptions options, IProxyConnection? connection, Exception? error)
    {
        Options = options;
        Connection = connection;
        Error = error;
    }

    /// <summary>What was opened.</summary>
    public ProxyConnectionOptions Options { get; }

    /// <summary>The connection, or <see langword="null"/> when opening failed.</summary>
    public IProxyConnection? Connection { get; }

    /// <summary>Why opening failed, or <see langword="null"/>.</summary>
    public Exception? Error { get; }
}
