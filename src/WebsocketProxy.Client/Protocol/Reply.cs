using System.Buffers;

namespace WebsocketProxy.Client.Protocol;

/// <summary>
/// The proxy's answer to one <see cref="Command"/>, on the client's reply ring:
/// <c>version:u8 kind:u8 ok:u8 correlation:i64</c>, then an error message or the kind's result fields.
/// </summary>
internal readonly record struct Reply(CommandKind Kind, long CorrelationId, bool Ok, string? Error, ReadOnlyMemory<byte> Body)
{
    public static void EncodeOk(IBufferWriter<byte> writer, CommandKind kind, long correlationId, ReadOnlySpan<byte> body)
    {
        WriteHeader(writer, kind, correlationId, ok: true);
        writer.WriteBytes(body);
    }

    public static void EncodeError(IBufferWriter<byte> writer, CommandKind kind, long correlationId, string error)
    {
        WriteHeader(writer, kind, correlationId, ok: false);
        writer.WriteString(error);
    }

    public static Reply Decode(ReadOnlySpan<byte> record)
    {
        var reader = new WireReader(record);
        var version = reader.ReadByte();
        if (version != CommandCodec.Version)
        {
            throw new ProtocolException($"Reply protocol version {version} is not supported.");
        }

        var kind = (CommandKind)reader.ReadByte();
        var ok = reader.ReadByte() != 0;
        var correlation = reader.ReadInt64();
        return ok
            ? new Reply(kind, correlation, true, null, reader.ReadRest().ToArray())
            : new Reply(kind, correlation, false, reader.ReadString(), ReadOnlyMemory<byte>.Empty);
    }

    private static void WriteHeader(IBufferWriter<byte> writer, CommandKind kind, long correlationId, bool ok)
    {
        writer.WriteByte(CommandCodec.Version);
        writer.WriteByte((byte)kind);
        writer.WriteByte(ok ? (byte)1 : (byte)0);
        writer.WriteInt64(correlationId);
    }
}
