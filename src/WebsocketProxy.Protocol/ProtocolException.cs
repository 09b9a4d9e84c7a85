namespace WebsocketProxy.Protocol;

/// <summary>A record on a ring did not follow the command protocol.</summary>
public sealed class ProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong with the record.</param>
    public ProtocolException(string message)
        : base(message)
    {
    }
}
