using System.Buffers;
using System.Runtime.InteropServices;
using WebsocketProxy.Ipc.Tests.Support;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Ipc.Tests.Broadcast;

public sealed class BroadcastVisitTests
{
    private static readonly BroadcastRingOptions Small = new() { Capacity = 4096, MaxRecordPayload = 256 };

    [Theory]
    [AllBackends]
    public void TryRead_Visitor_SeesTheExactBytesOfSingleAndFragmentedMessages(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path, Small);
        using var reader = BroadcastReader.Open(ring.Path);
        var staged = new Staged();
        for (var i = 0L; i < 300; i++)
        {
            // Every 7th message spans several records; the rest wrap the small ring many times.
            var length = i % 7 == 0 ? 700 : Payloads.VaryingLength(i);
            writer.Publish(Payloads.For(i, length));
            var result = reader.TryRead(ref staged, Staged.Stage);
            Assert.Equal(new ReadResult(ReadStatus.Message, i, 0, length), result);
            Assert.True(Payloads.Matches(i, staged.Messages[^1].Bytes));
        }

        Assert.Equal(ReadStatus.Empty, reader.TryRead(ref staged, Staged.Stage).Status);
        Assert.Equal(300, staged.Messages.Count);
        Assert.Equal(300, reader.Received);
    }

    [Theory]
    [AllBackends]
    public void TryReadBatch_ManyPublished_VisitsAllInOrderUpToTheLimitAndAcrossTheWrap(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path, new BroadcastRingOptions { Capacity = 8192, MaxRecordPayload = 512 });
        using var reader = BroadcastReader.Open(ring.Path);
        var staged = new Staged();
        var next = 0L;
        for (var round = 0; round < 200; round++)
        {
            for (var i = 0; i < 20; i++, next++)
            {
                writer.Publish(Payloads.For(next, Payloads.VaryingLength(next)));
            }

            Assert.Equal(new BatchReadResult(ReadStatus.Message, 16, 0), reader.TryReadBatch(ref staged, Staged.Stage, 16));
            Assert.Equal(new BatchReadResult(ReadStatus.Message, 4, 0), reader.TryReadBatch(ref staged, Staged.Stage, 16));
            Assert.Equal(ReadStatus.Empty, reader.TryReadBatch(ref staged, Staged.Stage, 16).Status);
        }

        Assert.Equal(next, staged.Messages.Count);
        for (var i = 0; i < staged.Messages.Count; i++)
        {
            Assert.Equal(i, staged.Messages[i].Sequence);
            Assert.True(Payloads.Matches(i, staged.Messages[i].Bytes));
        }

        Assert.Equal(next, reader.Received);
        Assert.Equal(0, reader.Lost);
    }

    [Theory]
    [AllBackends]
    public void TryReadBatch_VisitorReturnsFalse_StopsAfterThatMessageAndCountsIt(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path);
        using var reader = BroadcastReader.Open(ring.Path);
        for (var i = 0L; i < 10; i++)
        {
            writer.Publish(Payloads.For(i, 40));
        }

        var visits = 0;
        Assert.Equal(new BatchReadResult(ReadStatus.Message, 3, 0), reader.TryReadBatch(ref visits, static (ref int n, long _, ReadOnlySpan<byte> _) => ++n < 3, 100));
        Assert.Equal(3, reader.NextSequence);
        Assert.Equal(new BatchReadResult(ReadStatus.Message, 7, 0), reader.TryReadBatch(ref visits, static (ref int n, long _, ReadOnlySpan<byte> _) => ++n > 0, 100));
        Assert.Equal(10, visits);
    }

    [Theory]
    [AllBackends]
    public void TryReadBatch_HeaderOnlyVisitor_SkipsOtherConnectionsWithoutCopyingAndConsumesThem(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path);
        using var reader = BroadcastReader.Open(ring.Path);
        for (var i = 0L; i < 100; i++)
        {
            // A 4-byte "connection id" header, then the payload.
            writer.Publish(BitConverter.GetBytes((int)(i % 5)), Payloads.For(i, 120));
        }

        var filter = new ConnectionFilter(Connection: 3);
        var result = reader.TryReadBatch(ref filter, ConnectionFilter.Visit, 1000);

        Assert.Equal(new BatchReadResult(ReadStatus.Message, 100, 0), result);
        Assert.Equal(20, filter.Copied.Count);
        Assert.Equal(80, filter.Skipped);
        Assert.All(filter.Copied, m => Assert.True(Payloads.Matches(m.Sequence, m.Bytes)));
        Assert.Equal(100, reader.Received);
    }

    [Theory]
    [AllBackends]
    public void TryRead_WriterLapsTheRecordDuringTheVisit_ReportsLostNeverAMessage(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path, Small);
        using var reader = BroadcastReader.Open(ring.Path);
        writer.Publish(Payloads.For(0, 100));
        var lapper = new Lapper(writer, visitsBeforeLap: 1);

        var result = reader.TryRead(ref lapper, Lapper.Visit);

        Assert.Equal(ReadStatus.Lost, result.Status);
        Assert.Equal(1, lapper.Visits);
        Assert.Equal(0, reader.Received);
        Assert.Equal(writer.Published, reader.Received + reader.Lost);
        Assert.Equal(ReadStatus.Empty, reader.TryRead(ref lapper, Lapper.Visit).Status);
    }

    [Theory]
    [AllBackends]
    public void TryReadBatch_WriterLapsTheBatchDuringItsLastVisit_ReportsEveryVisitAsLost(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path, Small);
        using var reader = BroadcastReader.Open(ring.Path);
        for (var i = 0L; i < 5; i++)
        {
            writer.Publish(Payloads.For(i, 100));
        }

        var lapper = new Lapper(writer, visitsBeforeLap: 5);

        var result = reader.TryReadBatch(ref lapper, Lapper.Visit, 10);

        Assert.Equal(ReadStatus.Lost, result.Status);
        Assert.Equal(5, result.Count);
        Assert.Equal(writer.Published, result.LostCount);
        Assert.Equal(0, reader.Received);
        Assert.Equal(writer.Published, reader.Lost);
        writer.Publish(Payloads.For(writer.Published, 100));
        var staged = new Staged();
        Assert.Equal(new BatchReadResult(ReadStatus.Message, 1, 0), reader.TryReadBatch(ref staged, Staged.Stage, 10));
        Assert.True(Payloads.Matches(writer.Published - 1, staged.Messages[0].Bytes));
    }

    [Theory]
    [AllBackends]
    public void TryReadBatch_CommittedRecordWithBadTypeAfterGoodOnes_DeliversTheGoodThenReportsCorruptLikeTryRead(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path);
        using var reader = BroadcastReader.Open(ring.Path);
        writer.Publish([1]);
        writer.Publish([2]);

        // Forge a committed record of an unknown type where the third one will go (each record of one byte takes 64).
        var forged = new BroadcastRecordHeader
        {
            Commit = BroadcastLayout.CommitWord(128, BroadcastLayout.CommitMask(writer.Epoch)),
            Sequence = 2,
            Length = 8,
            Type = 99,
        };
        RingMemory.WriteBytes(ring.Path, BroadcastLayout.HeaderSize + 128, MemoryMarshal.AsBytes(new ReadOnlySpan<BroadcastRecordHeader>(in forged)).ToArray());
        var staged = new Staged();

        Assert.Equal(new BatchReadResult(ReadStatus.Message, 2, 0), reader.TryReadBatch(ref staged, Staged.Stage, 10));
        var corrupt = reader.TryReadBatch(ref staged, Staged.Stage, 10);
        Assert.Equal(new BatchReadResult(ReadStatus.Corrupt, 0, 0), corrupt);
        Assert.Contains("record type 99", reader.LastCorruption, StringComparison.Ordinal);
        Assert.Equal(2, staged.Messages.Count);

        writer.Publish([3]);
        writer.Publish([4]);
        Assert.Equal(new BatchReadResult(ReadStatus.Message, 2, 0), reader.TryReadBatch(ref staged, Staged.Stage, 10));
        Assert.Equal([3], staged.Messages[^2].Bytes);
        Assert.Equal([4], staged.Messages[^1].Bytes);
        Assert.Equal(writer.Published, reader.Received + reader.Lost);
    }

    [Theory]
    [AllBackends]
    public void TryRead_VisitorReadsTheSameReader_Throws(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path);
        using var reader = BroadcastReader.Open(ring.Path);
        writer.Publish([1]);
        writer.Publish([2]);

        var self = reader;
        var error = Assert.Throws<InvalidOperationException>(() =>
            reader.TryReadBatch(ref self, static (ref BroadcastReader r, long _, ReadOnlySpan<byte> _) => r.TryRead(new ArrayBufferWriter<byte>()).Status == ReadStatus.Empty, 10));

        Assert.Contains("must not read", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, reader.Received);
        var visits = 0;
        Assert.Equal(new BatchReadResult(ReadStatus.Message, 2, 0), reader.TryReadBatch(ref visits, static (ref int n, long _, ReadOnlySpan<byte> _) => ++n > 0, 10));
    }

    [Theory]
    [AllBackends]
    public async Task TryReadBatch_ConcurrentWriterLappingReader_NeverValidatesOverwrittenBytes(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path, new BroadcastRingOptions { Capacity = 8192, MaxRecordPayload = 512 });
        using var reader = BroadcastReader.Open(ring.Path);
        const long Total = 300_000;

        var readTask = Task.Run(() =>
        {
            var staged = new Staged();
            long corrupt = 0, lostResults = 0;
            while (reader.NextSequence < Total)
            {
                staged.Messages.Clear();
                var result = reader.TryReadBatch(ref staged, Staged.Stage, 32);
                if (result.Status == ReadStatus.Message)
                {
                    corrupt += staged.Messages.Count(m => !Payloads.Matches(m.Sequence, m.Bytes));
                }
                else if (result.Status == ReadStatus.Lost)
                {
                    lostResults++;
                }
            }

            return (corrupt, lostResults);
        });

        var scratch = new byte[1500];
        for (var i = 0L; i < Total; i++)
        {
            var length = i % 97 == 0 ? 1300 : Payloads.VaryingLength(i);
            Payloads.Fill(i, scratch.AsSpan(0, length));
            writer.Publish(scratch.AsSpan(0, length));
        }

        var (corrupt, _) = await readTask.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, corrupt);
        Assert.Equal(Total, reader.Received + reader.Lost);
    }

    private sealed class Staged
    {
        public static readonly BroadcastVisitor<Staged> Stage = static (ref Staged s, long sequence, ReadOnlySpan<byte> message) =>
        {
            s.Messages.Add((sequence, message.ToArray()));
            return true;
        };

        public List<(long Sequence, byte[] Bytes)> Messages { get; } = [];
    }

    private sealed record ConnectionFilter(int Connection)
    {
        public static readonly BroadcastVisitor<ConnectionFilter> Visit = static (ref ConnectionFilter f, long sequence, ReadOnlySpan<byte> message) =>
        {
            if (BitConverter.ToInt32(message[..4]) != f.Connection)
            {
                f.Skipped++;
                return true;
            }

            f.Copied.Add((sequence, message[4..].ToArray()));
            return true;
        };

        public List<(long Sequence, byte[] Bytes)> Copied { get; } = [];

        public int Skipped { get; set; }
    }

    /// <summary>On its n-th visit, publishes enough to lap the ring (and so overwrite what it was handed).</summary>
    private sealed class Lapper(BroadcastWriter writer, int visitsBeforeLap)
    {
        public static readonly BroadcastVisitor<Lapper> Visit = static (ref Lapper l, long sequence, ReadOnlySpan<byte> message) =>
        {
            l.Visits++;
            if (l.Visits == l.VisitsBeforeLap)
            {
                for (var i = 0; i < 40; i++)
                {
                    l.Writer.Publish(Payloads.For(l.Writer.Published, 200));
                }
            }

            return true;
        };

        public BroadcastWriter Writer { get; } = writer;

        public int VisitsBeforeLap { get; } = visitsBeforeLap;

        public int Visits { get; private set; }
    }
}
