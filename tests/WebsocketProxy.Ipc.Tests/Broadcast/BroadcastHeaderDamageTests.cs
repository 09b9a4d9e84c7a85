using System.Buffers;
using WebsocketProxy.Ipc.Tests.Support;

namespace WebsocketProxy.Ipc.Tests.Broadcast;

/// <summary>
/// Damage to a broadcast ring's header (another process of the same user writing into the shared file) never makes a
/// reader address memory outside its mapping: it is refused at open, or reported once as corrupt at read time.
/// </summary>
public sealed class BroadcastHeaderDamageTests
{
    private static readonly BroadcastRingOptions Small = new() { Capacity = 4096, MaxRecordPayload = 256 };

    [Fact]
    public void Open_TailOffTheRecordGrid_ThrowsInvalidData()
    {
        using var ring = new TempRing();
        using var writer = BroadcastWriter.Create(ring.Path, Small);
        writer.Publish([1]);
        DamageTail(ring.Path, position => position + 8);

        var error = Assert.Throws<InvalidDataException>(() => BroadcastReader.Open(ring.Path));

        Assert.Contains("record grid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_LappedWhileTailOffTheRecordGrid_ReportsCorruptOnceThenResumesWhenTheWriterPublishes()
    {
        using var ring = new TempRing();
        using var writer = BroadcastWriter.Create(ring.Path, Small);
        using var reader = BroadcastReader.Open(ring.Path);
        var buffer = new ArrayBufferWriter<byte>();
        for (var i = 0; i < 100; i++)
        {
            writer.Publish(Payloads.For(i, 100));
        }

        // The reader was lapped, and the tail it would jump to points into the middle of a record (the last 8 bytes of
        // the data area, whose record header would reach past the mapping).
        DamageTail(ring.Path, _ => (200 * 4096) - 8);

        var corrupt = reader.TryRead(buffer);
        Assert.Equal(ReadStatus.Corrupt, corrupt.Status);
        Assert.Contains("record grid", reader.LastCorruption, StringComparison.Ordinal);
        Assert.Equal(0, buffer.WrittenCount);

        // Reported once: until the writer publishes, the reader neither repeats it nor spins.
        Assert.Equal(ReadStatus.Empty, reader.TryRead(buffer).Status);
        Assert.False(reader.WaitForData(TimeSpan.FromMilliseconds(50)));

        writer.Publish(Payloads.For(100, 100));
        Assert.True(reader.WaitForData(TimeSpan.FromSeconds(30)));
        var resumed = reader.TryRead(buffer);
        Assert.Equal(new ReadResult(ReadStatus.Lost, 101, 101, 0), resumed);
        writer.Publish(Payloads.For(101, 100));
        Assert.Equal(new ReadResult(ReadStatus.Message, 101, 0, 100), reader.TryRead(buffer));
        Assert.Equal(writer.Published, reader.Received + reader.Lost);
    }

    [Fact]
    public void TryRead_FenceBelowACommittedRecord_ReportsCorruptInsteadOfTrustingTheCopy()
    {
        using var ring = new TempRing();
        using var writer = BroadcastWriter.Create(ring.Path, Small);
        using var reader = BroadcastReader.Open(ring.Path);
        var buffer = new ArrayBufferWriter<byte>();
        writer.Publish([1]);

        // A fence below a committed record can no longer reveal a torn copy.
        RingMemory.WriteInt64(ring.Path, BroadcastLayout.FenceOffset, 0);

        Assert.Equal(ReadStatus.Corrupt, reader.TryRead(buffer).Status);
        Assert.Contains("fence", reader.LastCorruption, StringComparison.Ordinal);
        Assert.Equal(0, buffer.WrittenCount);
    }

    [Fact]
    public void TryRead_CapacityChangedAfterOpen_ReaderKeepsTheValidatedOne()
    {
        using var ring = new TempRing();
        using var writer = BroadcastWriter.Create(ring.Path, Small);
        using var reader = BroadcastReader.Open(ring.Path);
        var buffer = new ArrayBufferWriter<byte>();
        RingMemory.WriteInt64(ring.Path, BroadcastLayout.CapacityOffset, 1L << 40);

        for (var i = 0; i < 200; i++)
        {
            writer.Publish(Payloads.For(i, 100));
            buffer.ResetWrittenCount();
            Assert.Equal(new ReadResult(ReadStatus.Message, i, 0, 100), reader.TryRead(buffer));
            Assert.True(Payloads.Matches(i, buffer.WrittenSpan));
        }
    }

    [Fact]
    public void Open_FileShorterThanItsHeaderSays_ThrowsInvalidData()
    {
        using var ring = new TempRing();
        using (var writer = BroadcastWriter.Create(ring.Path, Small))
        {
            writer.Publish([1]);
        }

        var truncated = ring.Sibling("-truncated");
        CopyPrefix(ring.Path, truncated, BroadcastLayout.HeaderSize + 1024);

        var error = Assert.Throws<InvalidDataException>(() => BroadcastReader.Open(truncated));

        Assert.Contains("inconsistent header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MessageRingFileShorterThanItsHeaderSays_ThrowsInvalidData()
    {
        using var ring = new TempRing();
        using (MessageRing.Create(ring.Path, 4096))
        {
        }

        var truncated = ring.Sibling("-truncated");
        CopyPrefix(ring.Path, truncated, MessageRingLayout.HeaderSize + 1024);

        Assert.Throws<InvalidDataException>(() => MessageRing.Open(truncated));
    }

    /// <summary>Rewrites both tail slots, as a stray write into the header would.</summary>
    internal static void DamageTail(string path, Func<long, long> position)
    {
        for (var slot = 0; slot < 2; slot++)
        {
            var offset = BroadcastLayout.TailSlotsOffset + (slot * 16);
            RingMemory.WriteInt64(path, offset, position(RingMemory.ReadInt64(path, offset)));
        }
    }

    private static void CopyPrefix(string source, string destination, int length)
    {
        var bytes = File.ReadAllBytes(source)[..length];
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(destination, options);
        stream.Write(bytes);
    }
}
