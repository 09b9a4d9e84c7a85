using System.Buffers;
using WebsocketProxy.Ipc.Tests.Support;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Ipc.Tests.Rings;

public sealed class MessageRingCorruptionTests
{
    [Theory]
    [AllBackends]
    public void TryRead_RandomBytesBetweenGoodRecords_ReportsCorruptAndKeepsServing(IpcBackend backend)
    {
        using var file = new TempRing(backend);
        using var producer = MessageRing.Create(file.Path, 64 << 10);
        using var consumer = MessageRing.Open(file.Path);
        var random = new Random(1234);
        var buffer = new ArrayBufferWriter<byte>();
        var next = 0L;
        var corruptReports = 0;
        var delivered = new List<long>();

        for (var round = 0; round < 200; round++)
        {
            Assert.True(producer.TryWrite(Payloads.For(next, 8 + random.Next(300))));
            next++;
            RingMemory.InjectGarbageAtTail(file.Path, random, 1 + random.Next(400));
            Assert.True(producer.TryWrite(Payloads.For(next, 8 + random.Next(300))));
            next++;

            while (true)
            {
                buffer.ResetWrittenCount();
                var result = consumer.TryRead(buffer);
                if (result.Status == ReadStatus.Empty)
                {
                    break;
                }

                if (result.Status == ReadStatus.Corrupt)
                {
                    Assert.True(result.LostCount > 0);
                    corruptReports++;
                    continue;
                }

                var sequence = BitConverter.ToInt64(buffer.WrittenSpan);
                Assert.True(Payloads.Matches(sequence, buffer.WrittenSpan), "a corrupt payload was handed out");
                delivered.Add(sequence);
            }
        }

        Assert.Equal(200, corruptReports);
        Assert.Equal(Enumerable.Range(0, (int)next).Select(i => (long)i), delivered);
    }

    [Theory]
    [AllBackends]
    public void TryRead_DamagedPositions_ReportsCorruptAndRecovers(IpcBackend backend)
    {
        using var file = new TempRing(backend);
        using var producer = MessageRing.Create(file.Path, 4096);
        using var consumer = MessageRing.Open(file.Path);
        Assert.True(producer.TryWrite([1, 2, 3]));
        RingMemory.WriteInt64(file.Path, MessageRingLayout.TailOffset, 0x1234_5678_9ABC);
        var buffer = new ArrayBufferWriter<byte>();

        Assert.Equal(ReadStatus.Corrupt, consumer.TryRead(buffer).Status);
        Assert.Equal(ReadStatus.Empty, consumer.TryRead(buffer).Status);
        Assert.True(producer.TryWrite([4, 5]));
        var result = consumer.TryRead(buffer);

        Assert.Equal(ReadStatus.Message, result.Status);
        Assert.Equal([4, 5], buffer.WrittenSpan.ToArray());
    }

    [Theory]
    [AllBackends]
    public void TryRead_GarbageOverWholeDataArea_NeverHandsOutGarbage(IpcBackend backend)
    {
        using var file = new TempRing(backend);
        using var producer = MessageRing.Create(file.Path, 4096);
        using var consumer = MessageRing.Open(file.Path);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(producer.TryWrite(Payloads.For(i, 100)));
        }

        var random = new Random(99);
        var garbage = new byte[4096];
        random.NextBytes(garbage);
        RingMemory.WriteBytes(file.Path, MessageRingLayout.HeaderSize, garbage);
        var buffer = new ArrayBufferWriter<byte>();

        var first = consumer.TryRead(buffer);
        Assert.Equal(ReadStatus.Corrupt, first.Status);
        Assert.Equal(ReadStatus.Empty, consumer.TryRead(buffer).Status);
        Assert.True(producer.TryWrite(Payloads.For(77, 50)));
        Assert.Equal(ReadStatus.Message, consumer.TryRead(buffer).Status);
        Assert.True(Payloads.Matches(77, buffer.WrittenSpan));
    }

    [Theory]
    [AllBackends]
    public void TryRead_TailDamagedToLongMaxValue_ReportsCorruptWithoutThrowingAndKeepsServing(IpcBackend backend)
    {
        using var file = new TempRing(backend);
        using var producer = MessageRing.Create(file.Path, 4096);
        using var consumer = MessageRing.Open(file.Path);
        var buffer = new ArrayBufferWriter<byte>();
        RingMemory.WriteInt64(file.Path, MessageRingLayout.TailOffset, long.MaxValue);

        var corrupt = consumer.TryRead(buffer);

        Assert.Equal(ReadStatus.Corrupt, corrupt.Status);
        Assert.InRange(corrupt.LostCount, 0, 4096);
        Assert.True(producer.TryWrite(Payloads.For(7, 40)));
        Assert.Equal(ReadStatus.Message, consumer.TryRead(buffer).Status);
        Assert.True(Payloads.Matches(7, buffer.WrittenSpan));
    }
}
