using System.Buffers;

namespace WebsocketProxy.Protocol;

/// <summary>The body of the proxy's answer to an <see cref="OpenCommand"/>: <c>connection:i64 isNew:u8</c>.</summary>
/// <param name="ConnectionId">The connection's id on this proxy, for the commands that follow.</param>
/// <param name="IsNew">Whether this open created the upstream connection (rather than joined one).</param>
public readonly record struct OpenReply(long ConnectionId, bool IsNew)
{
    /// <summary>Appends the body to a reply being written.</summary>
    /// <param name="writer">The reply's body.</param>
    public void Write(IBufferWriter<byte> writer)
    {
        writer.WriteInt64(ConnectionId);
        writer.WriteByte(IsNew ? (byte)1 : (byte)0);
    }

    /// <summary>Reads the body of a successful open's <see cref="Reply"/>.</summary>
    /// <param name="body">The reply's <see cref="Reply.Body"/>.</param>
    /// <returns>The body's fields.</returns>
    /// <exception cref="ProtocolException">The body is too short.</exception>
    public static OpenReply Read(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body);
        return new OpenReply(reader.ReadInt64(), reader.ReadByte() != 0);
    }
}
