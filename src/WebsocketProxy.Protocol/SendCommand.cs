using System.Net.WebSockets;

namespace WebsocketProxy.Protocol;

/// <summary>Sends one message upstream on a connection; refused while the connection is reconnecting.</summary>
/// <param name="CorrelationId">Matches the reply.</param>
/// <param name="ConnectionId">The id the open's reply gave.</param>
/// <param name="MessageType">Text (then <paramref name="Payload"/> must be UTF-8) or binary.</param>
/// <param name="Payload">The message's bytes.</param>
public sealed record SendCommand(long CorrelationId, long ConnectionId, WebSocketMessageType MessageType, ReadOnlyMemory<byte> Payload) : Command(CorrelationId)
{
    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.Send;
}
