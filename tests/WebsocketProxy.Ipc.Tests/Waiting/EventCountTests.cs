using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using WebsocketProxy.Ipc.Platform;
using WebsocketProxy.Ipc.Platform.Linux;
using WebsocketProxy.Ipc.Waiting;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Ipc.Tests.Waiting;

/// <summary>The eventcount with Linux's futex under it.</summary>
[SupportedOSPlatform("linux")]
public sealed class EventCountTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly nint _memory;

    public unsafe EventCountTests() => _memory = (nint)NativeMemory.AllocZeroed(2, sizeof(int));

    private unsafe int* Word => (int*)_memory;

    private unsafe EventCount Events => new(Word, Word + 1);

    [PlatformFact(TestPlatforms.Linux, "futex")]
    public unsafe void Notify_NobodyWaiting_LeavesTheWordAlone()
    {
        Events.Notify(FutexWaitStrategy.Instance);

        Assert.Equal(0, *Word);
    }

    [PlatformFact(TestPlatforms.Linux, "futex")]
    public unsafe void Notify_WithRegisteredWaiter_BumpsTheWordSoTheSleeperCannotMissIt()
    {
        var observed = Events.PrepareWait();

        Events.Notify(FutexWaitStrategy.Instance);

        Assert.NotEqual(observed, *Word);
        Events.CancelWait();
        Assert.Equal(0, Events.Waiters);
    }

    [PlatformFact(TestPlatforms.Linux, "futex")]
    public async Task FutexSleep_WokenByAnotherThread_ReturnsBeforeItsLongTimeout()
    {
        using var asleep = new ManualResetEventSlim();
        var sleeper = Task.Factory.StartNew(() => SleepLong(asleep), TaskCreationOptions.LongRunning);
        Assert.True(asleep.Wait(Bound));

        // Nothing changed the word, so the sleep must not end by itself (a broken futex would return at once).
        await Task.WhenAny(sleeper, Task.Delay(50));
        Assert.False(sleeper.IsCompleted);

        // Keep notifying until the sleeper is out: a wake sent before it entered the kernel changed the word,
        // which also ends the sleep (EAGAIN), so this loop ends after a few iterations either way.
        using var timeout = new CancellationTokenSource(Bound);
        while (!sleeper.IsCompleted)
        {
            Notify();
            await Task.WhenAny(sleeper, Task.Delay(5, timeout.Token));
            timeout.Token.ThrowIfCancellationRequested();
        }

        await sleeper;
    }

    [PlatformTheory(TestPlatforms.Linux, "futex")]
    [InlineData(WaitStrategyKind.Futex, typeof(FutexWaitStrategy))]
    [InlineData(WaitStrategyKind.Polling, typeof(PollingWaitStrategy))]
    [InlineData(WaitStrategyKind.Auto, typeof(FutexWaitStrategy))]
    public void Resolve_OnLinux_PicksTheExpectedStrategy(WaitStrategyKind kind, Type expected) =>
        Assert.IsType(expected, LinuxWaiting.Instance.Sleeper(null!, kind));

    public unsafe void Dispose() => NativeMemory.Free((void*)_memory);

    private void Notify() => Events.Notify(FutexWaitStrategy.Instance);

    private unsafe void SleepLong(ManualResetEventSlim asleep)
    {
        var observed = Events.PrepareWait();
        asleep.Set();
        FutexWaitStrategy.Instance.Sleep(Word, observed, TimeSpan.FromSeconds(60));
        Events.CancelWait();
    }
}
