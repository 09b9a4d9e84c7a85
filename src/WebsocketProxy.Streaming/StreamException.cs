namespace WebsocketProxy.Streaming;

/// <summary>The base of exceptions that end a typed stream.</summary>
public class StreamException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public StreamException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public StreamException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a default message.</summary>
    public StreamException()
        : base("The stream ended.")
    {
    }
}
