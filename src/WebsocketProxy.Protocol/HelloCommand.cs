namespace WebsocketProxy.Protocol;

/// <summary>
/// The first record of every registration: the proxy executes nothing on a request ring before it. Its reply body
/// is the proxy's process id and its broadcast ring's epoch (two <c>i64</c>).
/// </summary>
/// <param name="CorrelationId">Matches the reply.</param>
/// <param name="Name">The client's name, for logs and status reports.</param>
/// <param name="ProcessId">The client's process id, for logs and status reports.</param>
public sealed record HelloCommand(long CorrelationId, string Name, int ProcessId) : Command(CorrelationId)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.Hello;
}
