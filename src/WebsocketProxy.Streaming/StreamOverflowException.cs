namespace WebsocketProxy.Streaming;

/// <summary>Ends a <see cref="BufferPolicy.Fail"/> stream whose consumer fell a whole buffer behind.</summary>
public sealed class StreamOverflowException : StreamException
{
    /// <summary>Creates an exception with a message.</summary>
    public StreamOverflowException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public StreamOverflowException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a default message.</summary>
    public StreamOverflowException()
        : base("The consumer fell a whole buffer behind on a lossless stream; the stream ended rather than lose messages or stall other streams.")
    {
    }
}
