using System.Buffers;
using WebsocketProxy.Ipc.Tests.Support;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Ipc.Tests.Broadcast;

public sealed class BroadcastRingTests
{
    private static readonly BroadcastRingOptions Small = new() { Capacity = 4096, MaxRecordPayload = 256 };

    [Theory]
    [AllBackends]
    public void TryRead_AfterPublish_ReturnsMessagesInOrderByteExact(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path);
        using var reader = BroadcastReader.Open(ring.Path);
        for (var i = 0L; i < 100; i++)
        {
            Assert.Equal(i, writer.Publish(Payloads.For(i, Payloads.VaryingLength(i))));
        }

        var buffer = new ArrayBufferWriter<byte>();
        for (var i = 0L; i < 100; i++)
        {
            buffer.ResetWrittenCount();
            var result = reader.TryRead(buffer);
            Assert.Equal(new ReadResult(ReadStatus.Message, i, 0, Payloads.VaryingLength(i)), result);
            Assert.True(Payloads.Matches(i, buffer.WrittenSpan));
        }

        Assert.Equal(ReadStatus.Empty, reader.TryRead(buffer).Status);
        Assert.Equal(100, reader.Received);
        Assert.Equal(0, reader.Lost);
    }

    [Theory]
    [AllBackends]
    public void Open_AfterEarlierPublishes_JoinsAtLiveTail(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path);
        writer.Publish([1, 2, 3]);
        writer.Publish([4, 5, 6]);
        using var reader = BroadcastReader.Open(ring.Path);
        var buffer = new ArrayBufferWriter<byte>();

        Assert.Equal(ReadStatus.Empty, reader.TryRead(buffer).Status);
        writer.Publish([7]);
        Assert.Equal(new ReadResult(ReadStatus.Message, 2, 0, 1), reader.TryRead(buffer));
        Assert.Equal(2, reader.JoinedAtSequence);
        Assert.Equal([7], buffer.WrittenSpan.ToArray());
    }

    [Theory]
    [AllBackends]
    public void Publish_ManyLapsWithReaderKeepingUp_PadsAtWrapAndLosesNothing(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path, Small);
        using var reader = BroadcastReader.Open(ring.Path);
        var buffer = new ArrayBufferWriter<byte>();
        for (var i = 0L; i < 2_000; i++)
        {
            writer.Publish(Payloads.For(i, Payloads.VaryingLength(i)));
            buffer.ResetWrittenCount();
            var result = reader.TryRead(buffer);
            Assert.Equal(ReadStatus.Message, result.Status);
            Assert.Equal(i, result.Sequence);
            Assert.True(Payloads.Matches(i, buffer.WrittenSpan), $"message {i} corrupted");
        }

        Assert.Equal(0, reader.Lost);
    }

    [Theory]
    [AllBackends]
    public void Publish_LargerThanOneRecord_FragmentsAndReassembles(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path, Small);
        using var reader = BroadcastReader.Open(ring.Path);
        var buffer = new ArrayBufferWriter<byte>();
        for (var i = 0L; i < 50; i++)
        {
            var length = 257 + (int)(i * 13 % 760); // 2 to 4 fragments of 256 bytes
            var message = Payloads.For(i, length);
            writer.Publish(message.AsSpan(0, 100), message.AsSpan(100));
            buffer.ResetWrittenCount();
            Assert.Equal(new ReadResult(ReadStatus.Message, i, 0, length), reader.TryRead(buffer));
            Assert.True(Payloads.Matches(i, buffer.WrittenSpan), $"message {i} corrupted");
        }
    }

    [Theory]
    [AllBackends]
    public void Publish_HeaderAndBody_ReadsAsOneConcatenatedMessage(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path);
        using var reader = BroadcastReader.Open(ring.Path);
        writer.Publish("head-"u8, "body"u8);
        var buffer = new ArrayBufferWriter<byte>();

        Assert.Equal(9, reader.TryRead(buffer).Length);
        Assert.Equal("head-body"u8.ToArray(), buffer.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(64 << 10)]
    [InlineData(8 << 20)]
    public void Create_DefaultRecordPayload_FitsAnyCapacityAndFragmentsLargeMessages(int capacity)
    {
        using var ring = new TempRing();
        using var writer = BroadcastWriter.Create(ring.Path, new BroadcastRingOptions { Capacity = capacity });
        using var reader = BroadcastReader.Open(ring.Path);
        var message = Payloads.For(7, writer.MaxMessageLength);
        writer.Publish(message);
        var buffer = new ArrayBufferWriter<byte>();

        Assert.Equal(new ReadResult(ReadStatus.Message, 0, 0, message.Length), reader.TryRead(buffer));
        Assert.True(Payloads.Matches(7, buffer.WrittenSpan));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(2048)]
    public void Create_BadCapacity_ThrowsArgumentException(int capacity)
    {
        using var ring = new TempRing();
        Assert.Throws<ArgumentException>(() => BroadcastWriter.Create(ring.Path, new BroadcastRingOptions { Capacity = capacity }));
        Assert.False(File.Exists(ring.Path));
    }

    [Theory]
    [AllBackends]
    public void Publish_TooLarge_ThrowsAndPublishesNothing(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path, Small);

        Assert.Throws<ArgumentException>(() => writer.Publish(new byte[writer.MaxMessageLength + 1]));
        Assert.Equal(0, writer.Published);
    }

    [Theory]
    [AllBackends]
    public void TryRead_ReaderLappedWhileIdle_ReportsExactLossThenResumes(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path, Small);
        using var reader = BroadcastReader.Open(ring.Path);
        for (var i = 0L; i < 500; i++)
        {
            writer.Publish(Payloads.For(i, 100));
        }

        var buffer = new ArrayBufferWriter<byte>();
        var received = 0L;
        while (true)
        {
            buffer.ResetWrittenCount();
            var result = reader.TryRead(buffer);
            if (result.Status == ReadStatus.Empty)
            {
                break;
            }

            if (result.Status == ReadStatus.Message)
            {
                received++;
                Assert.True(Payloads.Matches(result.Sequence, buffer.WrittenSpan));
            }
        }

        Assert.True(reader.Lost > 0);
        Assert.Equal(received, reader.Received);
        Assert.Equal(writer.Published, reader.Received + reader.Lost);
    }
}
