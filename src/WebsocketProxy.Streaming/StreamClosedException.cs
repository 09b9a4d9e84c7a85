namespace WebsocketProxy.Streaming;

/// <summary>Thrown from a stream whose connection or router closed.</summary>
public sealed class StreamClosedException : StreamException
{
    /// <summary>Creates an exception with a message.</summary>
    public StreamClosedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public StreamClosedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a default message.</summary>
    public StreamClosedException()
        : base("The connection closed for good.")
    {
    }
}
