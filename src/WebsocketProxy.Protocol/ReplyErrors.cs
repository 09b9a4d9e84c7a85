namespace WebsocketProxy.Protocol;

/// <summary>
/// Reply errors a client acts on, worded once here for the proxy that sends them and the client that recognises them.
/// </summary>
public static class ReplyErrors
{
    /// <summary>The proxy holds no connection <paramref name="connectionId"/> for the client asking (never opened, or ended).</summary>
    /// <param name="connectionId">The connection id the command named.</param>
    /// <returns>The error text of the reply.</returns>
    public static string UnknownConnection(long connectionId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Connection {connectionId} is unknown or not open by this client.");

    /// <summary>Whether <paramref name="error"/> is <see cref="UnknownConnection"/> for <paramref name="connectionId"/>.</summary>
    /// <param name="error">A reply's error text.</param>
    /// <param name="connectionId">The connection id the command named.</param>
    /// <returns><see langword="true"/> when the proxy said it holds no such connection for this client.</returns>
    public static bool IsUnknownConnection(string? error, long connectionId) =>
        string.Equals(error, UnknownConnection(connectionId), StringComparison.Ordinal);
}
