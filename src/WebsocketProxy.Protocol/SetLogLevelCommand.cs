using Microsoft.Extensions.Logging;

namespace WebsocketProxy.Protocol;

/// <summary>Changes the proxy's log level (the <c>websocket-proxy log-level</c> verb).</summary>
/// <param name="CorrelationId">Matches the reply.</param>
/// <param name="Level">The new minimum level.</param>
public sealed record SetLogLevelCommand(long CorrelationId, LogLevel Level) : Command(CorrelationId)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.SetLogLevel;
}
