using System.Buffers;
using System.Net.WebSockets;

namespace WebsocketProxy.Alpaca.Simulator.Connections;

/// <summary>A frame waiting in a connection's queue; its buffer is rented and goes back once sent or dropped.</summary>
internal readonly record struct OutgoingFrame(byte[]? Buffer, int Length, WebSocketMessageType Type, int MessageCount)
{
    /// <summary>A marker that closes the connection when the sender reaches it.</summary>
    public static OutgoingFrame Close { get; } = new(null, 0, WebSocketMessageType.Close, 0);

    /// <summary>A marker that drops the connection, with no close handshake, when the sender reaches it.</summary>
    public static OutgoingFrame Drop { get; } = new(null, 0, WebSocketMessageType.Close, -1);

    public bool IsClose => Type == WebSocketMessageType.Close && MessageCount == 0;

    public bool IsDrop => Type == WebSocketMessageType.Close && MessageCount < 0;

    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);

    public void Return()
    {
        if (Buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
        }
    }
}
