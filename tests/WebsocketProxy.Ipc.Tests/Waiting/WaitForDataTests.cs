using System.Buffers;
using WebsocketProxy.Ipc.Tests.Support;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Ipc.Tests.Waiting;

public sealed class WaitForDataTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Theory]
    [BackendData(WaitStrategyKind.Futex, IpcBackend.Native)]
    [BackendData(WaitStrategyKind.Polling, IpcBackend.Native)]
    [BackendData(WaitStrategyKind.Auto, IpcBackend.Portable)]
    [BackendData(WaitStrategyKind.Polling, IpcBackend.Portable)]
    public async Task WaitForData_SleepingReader_WakesOnPublishAndFlush(WaitStrategyKind strategy, IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path);
        // A 30 s sleep slice: with futex only the writer's wake can end the sleep within the bound.
        using var reader = BroadcastReader.Open(
            ring.Path,
            new WaitOptions { WaitStrategy = strategy, SpinCount = 0, SleepSlice = TimeSpan.FromSeconds(30) });
        using var sleeping = new ManualResetEventSlim();

        var waiter = Task.Run(() =>
        {
            sleeping.Set();
            return reader.WaitForData(Bound);
        });
        Assert.True(sleeping.Wait(Bound));
        await WaitUntil(() => WaiterCount(ring.Path) > 0 || strategy == WaitStrategyKind.Polling);

        writer.Publish([42]);
        writer.Flush();

        Assert.True(await waiter.WaitAsync(Bound));
        var buffer = new ArrayBufferWriter<byte>();
        Assert.Equal(ReadStatus.Message, reader.TryRead(buffer).Status);
    }

    [Theory]
    [AllBackends]
    public void WaitForData_NothingPublished_ReturnsFalseAtTimeout(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path);
        using var reader = BroadcastReader.Open(ring.Path);

        Assert.False(reader.WaitForData(TimeSpan.FromMilliseconds(30)));
        Assert.Equal(0, WaiterCount(ring.Path));
    }

    [Theory]
    [AllBackends]
    public async Task WaitForData_Cancelled_ThrowsPromptly(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path);
        using var reader = BroadcastReader.Open(ring.Path, new WaitOptions { SleepSlice = TimeSpan.FromSeconds(30) });
        using var cancellation = new CancellationTokenSource();

        var waiter = Task.Run(() => reader.WaitForData(TimeSpan.FromSeconds(60), cancellation.Token));
        await WaitUntil(() => WaiterCount(ring.Path) > 0);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter.WaitAsync(Bound));
    }

    [Theory]
    [AllBackends]
    public void WaitForData_CancellableTokenMessageAfterMessage_AllocatesNothing(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path);
        using var reader = BroadcastReader.Open(ring.Path, new WaitOptions { SpinCount = 0 });
        using var cancellation = new CancellationTokenSource();
        var buffer = new ArrayBufferWriter<byte>(16);

        // A reader woken for every message (a quiet feed) registers on the token at every wait: the registration must
        // not allocate. Timeouts stand in for the writer's wakes; the first rounds warm the token's registration nodes.
        long allocated = 0, wrong = 0;
        for (var round = 0; round < 2; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 20; i++)
            {
                // No assertions inside the measured loop: xunit's comparers allocate.
                wrong += reader.WaitForData(TimeSpan.FromMilliseconds(1), cancellation.Token) ? 1 : 0;
                writer.Publish([1]);
                wrong += reader.WaitForData(TimeSpan.FromMilliseconds(1), cancellation.Token) ? 0 : 1;
                buffer.ResetWrittenCount();
                wrong += reader.TryRead(buffer).Status == ReadStatus.Message ? 0 : 1;
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.Equal(0, wrong);
        Assert.Equal(0, allocated);
    }

    [Theory]
    [AllBackends]
    public void WaitForData_DataAlreadyThere_ReturnsTrueWithoutSleeping(IpcBackend backend)
    {
        using var ring = new TempRing(backend);
        using var writer = BroadcastWriter.Create(ring.Path);
        using var reader = BroadcastReader.Open(ring.Path);
        writer.Publish([1]);

        Assert.True(reader.WaitForData(TimeSpan.Zero));
    }

    /// <summary>The waiter count lives at a fixed offset of the header; reading it lets tests synchronise on "asleep".</summary>
    private static int WaiterCount(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[4];
        stream.Position = BroadcastLayout.WaitersOffset;
        stream.ReadExactly(bytes);
        return BitConverter.ToInt32(bytes);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(1, timeout.Token);
        }
    }
}
