using System.Buffers;

namespace WebsocketProxy.Protocol;

/// <summary>
/// The proxy's answer to one <see cref="Command"/>, on the client's reply ring:
/// <c>version:u8 kind:u8 ok:u8 correlation:i64</c>, then an error message or the kind's result fields.
/// </summary>
/// <param name="Kind">The kind of the command answered.</param>
/// <param name="CorrelationId">The correlation id of the command answered.</param>
/// <param name="Ok">Whether the command succeeded.</param>
/// <param name="Error">Why it failed; <see langword="null"/> when <paramref name="Ok"/>.</param>
/// <param name="Body">The kind's result fields (see each command); empty on failure.</param>
public readonly record struct Reply(CommandKind Kind, long CorrelationId, bool Ok, string? Error, ReadOnlyMemory<byte> Body)
{
    /// <summary>Appends a success reply.</summary>
    /// <param name="writer">Where the record goes.</param>
    /// <param name="kind">The kind of the command answered.</param>
    /// <param name="correlationId">The correlation id of the command answered.</param>
    /// <param name="body">The kind's result fields.</param>
    public static void EncodeOk(IBufferWriter<byte> writer, CommandKind kind, long correlationId, ReadOnlySpan<byte> body)
    {
        WriteHeader(writer, kind, correlationId, ok: true);
        writer.WriteBytes(body);
    }

    /// <summary>Appends a failure reply.</summary>
    /// <param name="writer">Where the record goes.</param>
    /// <param name="kind">The kind of the command answered.</param>
    /// <param name="correlationId">The correlation id of the command answered.</param>
    /// <param name="error">Why it failed, for the application (never a secret).</param>
    public static void EncodeError(IBufferWriter<byte> writer, CommandKind kind, long correlationId, string error)
    {
        WriteHeader(writer, kind, correlationId, ok: false);
        writer.WriteString(error);
    }

    /// <summary>Decodes one record of a reply ring.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The reply.</returns>
    /// <exception cref="ProtocolException">The record is malformed or of another version.</exception>
    public static Reply Decode(ReadOnlySpan<byte> record)
    {
        var reader = new WireReader(record);
        var version = reader.ReadByte();
        var kind = (CommandKind)reader.ReadByte();
        var ok = reader.ReadByte() != 0;
        var correlation = reader.ReadInt64();
        if (version != CommandCodec.Version && (ok || version == 0))
        {
            // An error reply's layout is the same in every version: a proxy of another release refusing this
            // client's version still gets its reason through. Nothing else of another version is read.
            throw new ProtocolException($"Reply protocol version {version} is not supported (this client speaks {CommandCodec.Version}).");
        }

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
