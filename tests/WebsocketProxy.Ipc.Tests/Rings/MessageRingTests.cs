using System.Buffers;
using System.Runtime.Versioning;
using WebsocketProxy.Ipc.Tests.Support;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Ipc.Tests.Rings;

public sealed class MessageRingTests
{
    [Theory]
    [AllBackends]
    public void TryWrite_ThenTryRead_RoundTripsInOrderAcrossManyWraps(IpcBackend backend)
    {
        using var file = new TempRing(backend);
        using var producer = MessageRing.Create(file.Path, 1024);
        using var consumer = MessageRing.Open(file.Path);
        var buffer = new ArrayBufferWriter<byte>();
        for (var i = 0L; i < 3_000; i++)
        {
            Assert.True(producer.TryWrite(Payloads.For(i, (int)(i % 200))));
            if (i % 3 == 2)
            {
                for (var j = i - 2; j <= i; j++)
                {
                    buffer.ResetWrittenCount();
                    var result = consumer.TryRead(buffer);
                    Assert.Equal(new ReadResult(ReadStatus.Message, j, 0, (int)(j % 200)), result);
                    Assert.True(Payloads.Matches(j, buffer.WrittenSpan), $"message {j} corrupted");
                }
            }
        }

        Assert.Equal(ReadStatus.Empty, consumer.TryRead(buffer).Status);
    }

    [Theory]
    [AllBackends]
    public void TryWrite_RingFull_ReturnsFalseUntilConsumerReads(IpcBackend backend)
    {
        using var file = new TempRing(backend);
        using var producer = MessageRing.Create(file.Path, 1024);
        using var consumer = MessageRing.Open(file.Path);
        var message = new byte[100];
        var written = 0;
        while (producer.TryWrite(message))
        {
            written++;
        }

        Assert.Equal(1024 / 120, written);
        Assert.False(producer.WaitForSpace(100, TimeSpan.Zero));
        Assert.Equal(ReadStatus.Message, consumer.TryRead(new ArrayBufferWriter<byte>()).Status);
        Assert.True(producer.WaitForSpace(100, TimeSpan.Zero));
        Assert.True(producer.TryWrite(message));
    }

    [Theory]
    [AllBackends]
    public void TryWrite_TooLong_ThrowsArgumentException(IpcBackend backend)
    {
        using var file = new TempRing(backend);
        using var ring = MessageRing.Create(file.Path, 1024);

        Assert.Throws<ArgumentException>(() => ring.TryWrite(new byte[ring.MaxMessageLength + 1]));
        Assert.True(ring.TryWrite(new byte[ring.MaxMessageLength]));
    }

    [Theory]
    [AllBackends]
    public void Open_MissingOrForeign_ThrowsClearErrors(IpcBackend backend)
    {
        using var file = new TempRing(backend);
        Assert.Throws<FileNotFoundException>(() => MessageRing.Open(file.Path));

        File.WriteAllBytes(file.Path, new byte[8192]);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Assert.Throws<InvalidDataException>(() => MessageRing.Open(file.Path));
    }

    [PlatformTheory(TestPlatforms.Unix, "file modes")]
    [AllBackends]
    [UnsupportedOSPlatform("windows")]
    public void Open_FileNotPrivate_RefusesToMapIt(IpcBackend backend)
    {
        using var file = new TempRing(backend);
        using (MessageRing.Create(file.Path, 4096))
        {
        }

        File.SetUnixFileMode(file.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var error = Assert.Throws<UnauthorizedAccessException>(() => MessageRing.Open(file.Path));
        Assert.Contains("0600", error.Message, StringComparison.Ordinal);
    }

    [PlatformTheory(TestPlatforms.Unix, "file modes")]
    [AllBackends]
    [UnsupportedOSPlatform("windows")]
    public void Create_File_IsMode0600(IpcBackend backend)
    {
        using var file = new TempRing(backend);
        using var ring = MessageRing.Create(file.Path, 4096);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file.Path));
    }

    [Theory]
    [AllBackends]
    public async Task WaitForData_SleepingConsumer_WakesOnWrite(IpcBackend backend)
    {
        using var file = new TempRing(backend);
        using var producer = MessageRing.Create(file.Path, 4096);
        using var consumer = MessageRing.Open(file.Path, new WaitOptions { SpinCount = 0, SleepSlice = TimeSpan.FromSeconds(30) });

        var waiter = Task.Run(() => consumer.WaitForData(TimeSpan.FromSeconds(20)));
        await RingMemory.WaitUntilAsync(() => RingMemory.ReadInt32(file.Path, MessageRingLayout.DataWaitersOffset) > 0);
        Assert.True(producer.TryWrite([9]));

        Assert.True(await waiter.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
