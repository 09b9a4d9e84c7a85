using System.Buffers;
using System.Text;
using WebsocketProxy.Ipc.Tests.Support;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Ipc.Tests.Rings;

/// <summary>A consumed record leaves no trace in the ring file: commands carry credentials.</summary>
public sealed class MessageRingClearingTests
{
    [Theory]
    [AllBackends]
    public void TryRead_ConsumedMessage_IsZeroedInTheRingFile_IncludingAcrossTheWrap(IpcBackend backend)
    {
        using var file = new TempRing(backend);
        using var producer = MessageRing.Create(file.Path, 1024);
        using var consumer = MessageRing.Open(file.Path);
        var buffer = new ArrayBufferWriter<byte>();

        // Enough laps that some records straddle the end of the data area.
        for (var i = 0; i < 40; i++)
        {
            var secret = Encoding.ASCII.GetBytes($"secret-{i:D3}-" + new string('x', 60 + (i * 7 % 90)));
            Assert.True(producer.TryWrite(secret));
            buffer.ResetWrittenCount();
            Assert.Equal(ReadStatus.Message, consumer.TryRead(buffer).Status);
            Assert.True(buffer.WrittenSpan.SequenceEqual(secret));

            var data = File.ReadAllBytes(file.Path).AsSpan(4096);
            Assert.True(data.IndexOfAnyExcept((byte)0) < 0, $"Bytes of message {i} are left in the ring after it was read.");
        }
    }

    [Theory]
    [AllBackends]
    public void TryRead_UnreadMessage_StaysIntact(IpcBackend backend)
    {
        using var file = new TempRing(backend);
        using var producer = MessageRing.Create(file.Path, 1024);
        using var consumer = MessageRing.Open(file.Path);
        var buffer = new ArrayBufferWriter<byte>();
        Assert.True(producer.TryWrite("first"u8));
        Assert.True(producer.TryWrite("second"u8));

        Assert.Equal(ReadStatus.Message, consumer.TryRead(buffer).Status);

        var data = File.ReadAllBytes(file.Path);
        Assert.Equal(-1, data.AsSpan().IndexOf("first"u8));
        Assert.True(data.AsSpan().IndexOf("second"u8) >= 0);
        buffer.ResetWrittenCount();
        Assert.Equal(ReadStatus.Message, consumer.TryRead(buffer).Status);
        Assert.True(buffer.WrittenSpan.SequenceEqual("second"u8));
    }
}
