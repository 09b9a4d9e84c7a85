using System.Buffers;
using System.Runtime.InteropServices;
using WebsocketProxy.Ipc.Tests.Support;

namespace WebsocketProxy.Ipc.Tests.Broadcast;

public sealed class BroadcastCorruptionTests
{
    [Fact]
    public void TryRead_CommittedRecordWithBadType_ReportsCorruptAndKeepsReading()
    {
        using var ring = new TempRing();
        using var writer = BroadcastWriter.Create(ring.Path);
        using var reader = BroadcastReader.Open(ring.Path);
        writer.Publish([1]);
        var buffer = new ArrayBufferWriter<byte>();
        Assert.Equal(ReadStatus.Message, reader.TryRead(buffer).Status);

        // Forge a committed record of an unknown type where the next one will go (position 64: the first record took 64 bytes).
        var forged = new BroadcastRecordHeader
        {
            Commit = BroadcastLayout.CommitWord(64, BroadcastLayout.CommitMask(writer.Epoch)),
            Sequence = 1,
            Length = 8,
            Type = 99,
        };
        RingMemory.WriteBytes(ring.Path, BroadcastLayout.HeaderSize + 64, MemoryMarshal.AsBytes(new ReadOnlySpan<BroadcastRecordHeader>(in forged)).ToArray());

        var corrupt = reader.TryRead(buffer);
        Assert.Equal(ReadStatus.Corrupt, corrupt.Status);
        Assert.Contains("record type 99", reader.LastCorruption, StringComparison.Ordinal);
        Assert.Equal(1, buffer.WrittenCount);

        writer.Publish([2]);
        writer.Publish([3]);
        buffer.ResetWrittenCount();
        Assert.Equal(new ReadResult(ReadStatus.Message, 1, 0, 1), reader.TryRead(buffer));
        Assert.Equal([2], buffer.WrittenSpan.ToArray());
        Assert.Equal(writer.Published - 1, reader.Received + reader.Lost);
    }
}
