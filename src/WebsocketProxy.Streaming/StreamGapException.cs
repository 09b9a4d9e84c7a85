namespace WebsocketProxy.Streaming;

/// <summary>Thrown, when <see cref="StreamOptions.ThrowOnGap"/> is set, from a stream that may have missed messages.</summary>
public sealed class StreamGapException : StreamException
{
    /// <summary>Creates an exception with a message.</summary>
    public StreamGapException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public StreamGapException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a default message.</summary>
    public StreamGapException()
        : base("Messages were lost (a gap or an upstream outage); the stream ended because StreamOptions.ThrowOnGap is set.")
    {
    }
}
