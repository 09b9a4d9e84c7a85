using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace WebsocketProxy.Client.Protocol;

/// <summary>A request from a client to the proxy; the reply carries the same correlation id.</summary>
internal abstract record Command(long CorrelationId)
{
    public abstract CommandKind Kind { get; }
}

internal sealed record HelloCommand(long CorrelationId, string Name, int ProcessId) : Command(CorrelationId)
{
    public override CommandKind Kind => CommandKind.Hello;
}

/// <summary>Open (or join) a connection.</summary>
/// <param name="CorrelationId">Matches the reply.</param>
/// <param name="Options">The connection's options.</param>
/// <param name="Restoring">
/// A client restores a connection that a previous proxy held (it died): upstream still counts that session for a
/// while, so the proxy treats the first connect as a reconnect after a drop (<c>RetryAfterDropMarkers</c> are
/// waited out) and answers at once, the connection starting in an outage.
/// </param>
internal sealed record OpenCommand(long CorrelationId, ProxyConnectionOptions Options, bool Restoring = false) : Command(CorrelationId)
{
    public override CommandKind Kind => CommandKind.Open;
}

internal sealed record CloseCommand(long CorrelationId, long ConnectionId) : Command(CorrelationId)
{
    public override CommandKind Kind => CommandKind.Close;
}

internal sealed record SendCommand(long CorrelationId, long ConnectionId, WebSocketMessageType MessageType, ReadOnlyMemory<byte> Payload) : Command(CorrelationId)
{
    public override CommandKind Kind => CommandKind.Send;
}

internal sealed record SubscriptionCommand(long CorrelationId, bool IsSubscribe, long ConnectionId, SubscriptionTemplate Template, IReadOnlyList<string> Topics) : Command(CorrelationId)
{
    public override CommandKind Kind => IsSubscribe ? CommandKind.Subscribe : CommandKind.Unsubscribe;
}

internal sealed record SetLogLevelCommand(long CorrelationId, LogLevel Level) : Command(CorrelationId)
{
    public override CommandKind Kind => CommandKind.SetLogLevel;
}

internal sealed record StatusCommand(long CorrelationId) : Command(CorrelationId)
{
    public override CommandKind Kind => CommandKind.Status;
}

internal sealed record GoodbyeCommand(long CorrelationId) : Command(CorrelationId)
{
    public override CommandKind Kind => CommandKind.Goodbye;
}

/// <summary>Sent about once a second so the proxy can report each reader's loss and lag.</summary>
internal sealed record HeartbeatCommand(long CorrelationId, long Received, long Lost) : Command(CorrelationId)
{
    public override CommandKind Kind => CommandKind.Heartbeat;
}
