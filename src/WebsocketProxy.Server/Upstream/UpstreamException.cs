namespace WebsocketProxy.Server.Upstream;

/// <summary>An upstream connection failed; <see cref="IsFatal"/> says that reconnecting cannot help.</summary>
internal sealed class UpstreamException : Exception
{
    public UpstreamException(string message, bool isFatal, Exception? inner = null)
        : base(message, inner)
    {
        IsFatal = isFatal;
    }

    public bool IsFatal { get; }
}
