namespace WebsocketProxy.Client;

/// <summary>The proxy refused a request or could not be reached; <see cref="Exception.Message"/> says why.</summary>
public sealed class WebsocketProxyException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public WebsocketProxyException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public WebsocketProxyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public WebsocketProxyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
