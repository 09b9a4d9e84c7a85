namespace WebsocketProxy.Streaming;

/// <summary>An error that did not stop the router: the streams go on.</summary>
/// <param name="kind">What went wrong.</param>
/// <param name="message">A human-readable explanation.</param>
/// <param name="exception">The exception behind it, when there is one.</param>
public sealed class StreamErrorEventArgs(StreamErrorKind kind, string message, Exception? exception = null) : EventArgs
{
    /// <summary>What went wrong.</summary>
    public StreamErrorKind Kind { get; } = kind;

    /// <summary>A human-readable explanation.</summary>
    public string Message { get; } = message;

    /// <summary>The exception behind it, when there is one.</summary>
    public Exception? Exception { get; } = exception;
}
