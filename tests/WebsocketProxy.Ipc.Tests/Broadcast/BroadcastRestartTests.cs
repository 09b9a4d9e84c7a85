using System.Buffers;
using WebsocketProxy.Ipc.Tests.Support;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Ipc.Tests.Broadcast;

public sealed class BroadcastRestartTests
{
    [Theory]
    [AllBackends]
    public void TryRead_WriterRecreatesRing_ReportsRestartAndReattachesAtNewTail(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        var first = BroadcastWriter.Create(ring.Path);
        using var reader = BroadcastReader.Open(ring.Path);
        first.Publish([1]);
        var oldEpoch = first.Epoch;
        first.Dispose();

        using var second = BroadcastWriter.Create(ring.Path);
        second.Publish([2]);
        var buffer = new ArrayBufferWriter<byte>();

        Assert.Equal(ReadStatus.Message, reader.TryRead(buffer).Status);
        Assert.Equal(ReadStatus.WriterRestarted, reader.TryRead(buffer).Status);
        Assert.Equal(ReadStatus.WriterRestarted, reader.TryRead(buffer).Status);
        Assert.True(reader.Reattach());
        Assert.NotEqual(oldEpoch, reader.Epoch);
        Assert.Equal(second.Epoch, reader.Epoch);

        buffer.ResetWrittenCount();
        second.Publish([3]);
        Assert.Equal(new ReadResult(ReadStatus.Message, 1, 0, 1), reader.TryRead(buffer));
        Assert.Equal([3], buffer.WrittenSpan.ToArray());
        Assert.False(reader.Reattach());
    }

    [Theory]
    [AllBackends]
    public void Create_WhileAnotherWriterIsLive_Throws(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path);

        var error = Assert.Throws<IOException>(() => BroadcastWriter.Create(ring.Path));
        Assert.Contains("live writer", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [AllBackends]
    public void IsWriterAlive_AfterWriterDisposed_IsFalse(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        var writer = BroadcastWriter.Create(ring.Path);
        using var reader = BroadcastReader.Open(ring.Path);
        Assert.True(reader.IsWriterAlive);

        writer.Dispose();
        Assert.False(reader.IsWriterAlive);
    }

    [Theory]
    [AllBackends]
    public void WriterHeartbeat_AfterHeartbeat_ShowsTheWritersClock(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        using var writer = BroadcastWriter.Create(ring.Path, BroadcastRingOptions.Default with { TimeProvider = clock });
        using var reader = BroadcastReader.Open(ring.Path);
        Assert.Equal(clock.GetUtcNow(), reader.WriterHeartbeat);

        clock.Advance(TimeSpan.FromSeconds(3));
        writer.Heartbeat();

        Assert.Equal(clock.GetUtcNow(), reader.WriterHeartbeat);
    }

    [Theory]
    [AllBackends]
    public void Open_MissingOrForeignFile_ThrowsClearError(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        Assert.Throws<FileNotFoundException>(() => BroadcastReader.Open(ring.Path));

        File.WriteAllBytes(ring.Path, new byte[8192]);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(ring.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var error = Assert.Throws<InvalidDataException>(() => BroadcastReader.Open(ring.Path));
        Assert.Contains("not a broadcast ring", error.Message, StringComparison.Ordinal);
    }
}
