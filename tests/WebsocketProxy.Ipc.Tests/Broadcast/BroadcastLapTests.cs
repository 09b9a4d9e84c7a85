using System.Buffers;
using WebsocketProxy.Ipc.Tests.Support;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Ipc.Tests.Broadcast;

public sealed class BroadcastLapTests
{
    [Theory]
    [AllBackends]
    public void TryRead_LappedInsideFragmentedMessage_DiscardsPartialAndCountsItLost(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        BroadcastReader? reader = null;
        var buffer = new ArrayBufferWriter<byte>();
        var commits = 0;
        var partialRead = default(ReadResult);
        var options = new BroadcastRingOptions
        {
            Capacity = 4096,
            MaxRecordPayload = 256,
            BeforeCommit = () =>
            {
                // Record 1 is message 0; records 2.. are the fragments of message 1. Before the second fragment
                // commits, the reader takes the first fragment and must stop there.
                if (++commits == 3 && reader is not null)
                {
                    partialRead = reader.TryRead(buffer);
                }
            },
        };
        using var writer = BroadcastWriter.Create(ring.Path, options);
        reader = BroadcastReader.Open(ring.Path);
        using (reader)
        {
            writer.Publish(Payloads.For(0, 50));
            Assert.Equal(new ReadResult(ReadStatus.Message, 0, 0, 50), reader.TryRead(buffer));
            buffer.ResetWrittenCount();
            writer.Publish(Payloads.For(1, 700));
            Assert.Equal(ReadStatus.Empty, partialRead.Status);
            Assert.Equal(0, buffer.WrittenCount);

            for (var i = 2L; i < 200; i++)
            {
                writer.Publish(Payloads.For(i, 200));
            }

            var lost = reader.TryRead(buffer);
            Assert.Equal(ReadStatus.Lost, lost.Status);
            Assert.Equal(0, buffer.WrittenCount);
            Assert.Equal(199, lost.LostCount);
            Assert.Equal(writer.Published, reader.Received + reader.Lost);
            Assert.Equal(ReadStatus.Empty, reader.TryRead(buffer).Status);

            writer.Publish(Payloads.For(200, 600));
            Assert.Equal(new ReadResult(ReadStatus.Message, 200, 0, 600), reader.TryRead(buffer));
            Assert.True(Payloads.Matches(200, buffer.WrittenSpan));
        }
    }

    [Theory]
    [AllBackends]
    public async Task TryRead_ConcurrentWriterLappingReader_NeverHandsOutOverwrittenBytes(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path, new BroadcastRingOptions { Capacity = 8192, MaxRecordPayload = 512 });
        using var reader = BroadcastReader.Open(ring.Path);
        const long Total = 300_000;
        using var done = new CancellationTokenSource();

        var readTask = Task.Run(() =>
        {
            var buffer = new ArrayBufferWriter<byte>();
            var corrupt = 0;
            while (reader.NextSequence < Total)
            {
                buffer.ResetWrittenCount();
                var result = reader.TryRead(buffer);
                if (result.Status == ReadStatus.Message && !Payloads.Matches(result.Sequence, buffer.WrittenSpan))
                {
                    corrupt++;
                }
            }

            return corrupt;
        });

        var scratch = new byte[1500];
        for (var i = 0L; i < Total; i++)
        {
            var length = i % 97 == 0 ? 1300 : Payloads.VaryingLength(i);
            Payloads.Fill(i, scratch.AsSpan(0, length));
            writer.Publish(scratch.AsSpan(0, length));
        }

        var corrupt = await readTask.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, corrupt);
        Assert.Equal(Total, reader.Received + reader.Lost);
    }
}
