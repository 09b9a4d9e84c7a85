using System.Buffers.Binary;
using System.Collections.Concurrent;
using WebsocketProxy.Ipc;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client.Internal;

/// <summary>
/// The frame pump's staging area for one <see cref="BroadcastReader.TryReadBatch{TState}"/>: its visitor peeks at
/// each record's event header where it lies in the mapping and skips, without copying, the records of connections
/// this process does not hold; the records of held connections are copied into one reusable buffer. Nothing is
/// delivered from the mapping itself: the writer may overwrite a record during the visit, and only a batch the
/// reader then reports as <see cref="ReadStatus.Message"/> counts, so records are staged first and delivered once the
/// batch has been validated (a lap during the batch drops them all, reported as a Gap). Frame thread only.
/// </summary>
internal sealed class PumpStage(ConcurrentDictionary<long, ConnectionLink> connections)
{
    /// <summary>Most records per batch.</summary>
    public const int MaxMessages = 256;

    /// <summary>A batch stops once this much is staged (a record longer than that is staged alone).</summary>
    private const int MaxBytes = 256 * 1024;

    private readonly List<(int Offset, int Length)> _records = new(MaxMessages);
    private byte[] _buffer = new byte[64 * 1024];
    private int _used;

    /// <summary>The visitor: a static method, so reading allocates nothing.</summary>
    public static BroadcastVisitor<PumpStage> Visitor { get; } = Visit;

    /// <summary>Records staged by the last batch.</summary>
    public int Count => _records.Count;

    /// <summary>A staged record (event header and payload), valid until <see cref="Clear"/>.</summary>
    public ReadOnlyMemory<byte> this[int index] => _buffer.AsMemory(_records[index].Offset, _records[index].Length);

    public void Clear()
    {
        _records.Clear();
        _used = 0;
    }

    private static bool Visit(ref PumpStage stage, long sequence, ReadOnlySpan<byte> message) => stage.Stage(message);

    private bool Stage(ReadOnlySpan<byte> message)
    {
        // The connection id at its place in the event header (EventHeader): a record whose header is not valid is
        // staged anyway, so that Dispatch drops it for what it is.
        if (message.Length >= EventHeader.Size && message[0] == CommandCodec.Version
            && !connections.ContainsKey(BinaryPrimitives.ReadInt64LittleEndian(message[8..])))
        {
            return true;
        }

        if (_buffer.Length - _used < message.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _used + message.Length));
        }

        message.CopyTo(_buffer.AsSpan(_used));
        _records.Add((_used, message.Length));
        _used += message.Length;
        return _used < MaxBytes;
    }
}
