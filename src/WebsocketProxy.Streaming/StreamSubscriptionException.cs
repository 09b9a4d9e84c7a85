namespace WebsocketProxy.Streaming;

/// <summary>Thrown when a subscription was refused, failed or not confirmed in time.</summary>
public sealed class StreamSubscriptionException : StreamException
{
    /// <summary>Creates an exception with a message.</summary>
    public StreamSubscriptionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public StreamSubscriptionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a default message.</summary>
    public StreamSubscriptionException()
        : base("The subscription failed.")
    {
    }
}
