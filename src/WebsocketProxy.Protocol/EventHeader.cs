using System.Buffers.Binary;
using System.Net.WebSockets;

namespace WebsocketProxy.Protocol;

/// <summary>
/// The fixed 24-byte header in front of every broadcast record:
/// <c>version:u8 kind:u8 messageType:u8 reserved:u8×5 connection:i64 argument:i64</c>.
/// </summary>
/// <param name="Kind">What the record says.</param>
/// <param name="ConnectionId">The connection it is about.</param>
/// <param name="MessageType">For <see cref="EventKind.Data"/>, text or binary.</param>
/// <param name="Argument">Kind-specific (<see cref="EventKind.Reconnected"/>: the outage in ticks; <see cref="EventKind.Lost"/>: how many messages).</param>
public readonly record struct EventHeader(EventKind Kind, long ConnectionId, WebSocketMessageType MessageType, long Argument)
{
    /// <summary>The header's length in bytes; the record's body follows it.</summary>
    public const int Size = 24;

    /// <summary>Writes the header into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    /// <param name="destination">At least <see cref="Size"/> bytes.</param>
    public void Write(Span<byte> destination)
    {
        destination[..Size].Clear();
        destination[0] = CommandCodec.Version;
        destination[1] = (byte)Kind;
        destination[2] = (byte)MessageType;
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], ConnectionId);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], Argument);
    }

    /// <summary>Reads the header of a broadcast record.</summary>
    /// <param name="record">The record.</param>
    /// <param name="header">The header read.</param>
    /// <returns><see langword="false"/> when the record is shorter than a header or of another protocol version.</returns>
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
