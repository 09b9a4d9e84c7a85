using System.Net.WebSockets;
using System.Text;
using WebsocketProxy.Ipc;
using WebsocketProxy.Protocol;
using WebsocketProxy.Server.Upstream;

namespace WebsocketProxy.Server.Hosting;

/// <summary>
/// Puts upstream messages and connection events on the broadcast ring, behind an <see cref="EventHeader"/>.
/// The ring has one writer, so every upstream connection publishes through this lock.
/// </summary>
internal sealed class BroadcastPublisher(BroadcastWriter writer) : IUpstreamEvents
{
    private readonly Lock _gate = new();

    public long Published => writer.Published;

    public long Epoch => writer.Epoch;

    public void OnMessage(long connectionId, WebSocketMessageType messageType, ReadOnlySpan<byte> payload)
    {
        if (payload.Length + EventHeader.Size > writer.MaxMessageLength)
        {
            OnEvent(EventKind.Error, connectionId, payload.Length, $"An upstream message of {payload.Length} bytes exceeds the ring's limit of {writer.MaxMessageLength - EventHeader.Size} bytes and was dropped.");
            return;
        }

        Publish(new EventHeader(EventKind.Data, connectionId, messageType, 0), payload);
    }

    /// <summary>Stamps the ring's heartbeat, so clients can tell a stopped or hung proxy from a quiet feed.</summary>
    public void Heartbeat()
    {
        lock (_gate)
        {
            try
            {
                writer.Heartbeat();
            }
            catch (ObjectDisposedException)
            {
                // The proxy is shutting down: nothing left to tell the clients.
            }
        }
    }

    public void OnEvent(EventKind kind, long connectionId, long argument, string? message) =>
        Publish(new EventHeader(kind, connectionId, WebSocketMessageType.Text, argument), Encoding.UTF8.GetBytes(message ?? string.Empty));

    private void Publish(EventHeader header, ReadOnlySpan<byte> body)
    {
        Span<byte> head = stackalloc byte[EventHeader.Size];
        header.Write(head);
        lock (_gate)
        {
            writer.Publish(head, body);
            writer.Flush();
        }
    }
}
