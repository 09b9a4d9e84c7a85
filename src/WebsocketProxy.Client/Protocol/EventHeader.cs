using System.Buffers.Binary;
using System.Net.WebSockets;

namespace WebsocketProxy.Client.Protocol;

/// <summary>
/// The fixed 24-byte header in front of every broadcast record:
/// <c>version:u8 kind:u8 messageType:u8 reserved:u8×5 connection:i64 argument:i64</c>.
/// </summary>
internal readonly record struct EventHeader(EventKind Kind, long ConnectionId, WebSocketMessageType MessageType, long Argument)
{
    public const int Size = 24;

    public void Write(Span<byte> destination)
    {
        destination[..Size].Clear();
        destination[0] = CommandCodec.Version;
        destination[1] = (byte)Kind;
        destination[2] = (byte)MessageType;
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], ConnectionId);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], Argument);
    }

    public static bool TryRead(ReadOnlySpan<byte> record, out EventHeader header)
    {
        header = default;
        if (record.Length < Size || record[0] != CommandCodec.Version)
        {
            return false;
        }

        header = new EventHeader(
            (EventKind)record[1],
            BinaryPrimitives.ReadInt64LittleEndian(record[8..]),
            (WebSocketMessageType)record[2],
            BinaryPrimitives.ReadInt64LittleEndian(record[16..]));
        return true;
    }
}
