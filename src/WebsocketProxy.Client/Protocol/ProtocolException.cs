namespace WebsocketProxy.Client.Protocol;

/// <summary>A record on a ring did not follow the command protocol.</summary>
internal sealed class ProtocolException : Exception
{
    public ProtocolException(string message)
        : base(message)
    {
    }
}
