using System.Buffers;

namespace WebsocketProxy.Protocol;

/// <summary>The body of the proxy's answer to a <see cref="HelloCommand"/>: <c>processId:i64 epoch:i64</c>.</summary>
/// <param name="ProcessId">The proxy's process id.</param>
/// <param name="Epoch">The epoch of the proxy's broadcast ring (a new ring, a new epoch).</param>
public readonly record struct HelloReply(long ProcessId, long Epoch)
{
    /// <summary>Appends the body to a reply being written.</summary>
    /// <param name="writer">The reply's body.</param>
    public void Write(IBufferWriter<byte> writer)
    {
        writer.WriteInt64(ProcessId);
        writer.WriteInt64(Epoch);
    }

    /// <summary>Reads the body of a successful hello's <see cref="Reply"/>.</summary>
    /// <param name="body">The reply's <see cref="Reply.Body"/>.</param>
    /// <returns>The body's fields.</returns>
    /// <exception cref="ProtocolException">The body is too short.</exception>
    public static HelloReply Read(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body);
        return new HelloReply(reader.ReadInt64(), reader.ReadInt64());
    }
}
