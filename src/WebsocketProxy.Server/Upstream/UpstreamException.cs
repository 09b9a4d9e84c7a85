namespace WebsocketProxy.Server.Upstream;

/// <summary>An upstream connection failed; <see cref="IsFatal"/> says that reconnecting cannot help.</summary>
internal sealed class UpstreamException : Exception
{
    public UpstreamException(string message, bool isFatal, Exception? inner = null, UpstreamRefusal refusal = UpstreamRefusal.None)
        : base(message, inner)
    {
        IsFatal = isFatal;
        Refusal = refusal;
    }

    public bool IsFatal { get; }

    /// <summary>Whether the service refused the session, and how the connection should take it.</summary>
    public UpstreamRefusal Refusal { get; }
}
