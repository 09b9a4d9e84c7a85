using System.Runtime.Versioning;

namespace WebsocketProxy.Ipc.Platform.Windows;

/// <summary>
/// Sleeping across processes on Windows: one named semaphore per word of a region. <c>WaitOnAddress</c> cannot be used:
/// it wakes threads of the calling process only. A waker releases as many permits as there are registered sleepers (the
/// eventcount's waiter count, the int after the word); a permit outlives the race between a sleeper's last look at the
/// word and its wait, so no wake-up is lost, which an auto-reset or pulsed event cannot promise.
/// </summary>
/// <remarks>
/// A sleeper that registered but found data without sleeping leaves its permit behind: the next sleeper on that word
/// wakes once for nothing, looks, and sleeps again. A sleeper that died registered keeps the count raised, so every
/// notify releases a permit nobody takes (as on Linux, where it costs a futex wake per flush); live sleepers then take
/// those permits one wake-up each. Both cost time, never correctness.
/// </remarks>
[SupportedOSPlatform("windows")]
internal sealed unsafe class SemaphoreWaitStrategy(WindowsSection region) : IWaitStrategy
{
    public void Sleep(int* word, int observed, TimeSpan timeout)
    {
        if (Volatile.Read(ref *word) != observed)
        {
            return;
        }

        var milliseconds = (uint)Math.Clamp(Math.Ceiling(timeout.TotalMilliseconds), 0, uint.MaxValue - 1);
        try
        {
            // WAIT_OBJECT_0 (woken, or a permit left earlier) and WAIT_TIMEOUT both mean "look again": the caller does.
            _ = Win32.WaitForSingleObject(region.WakeSemaphore(OffsetOf(word)), milliseconds);
        }
        catch (ObjectDisposedException)
        {
            // The region closed under a sleeper (shutdown): return and let the caller see why.
        }
    }

    public void Wake(int* word)
    {
        // The eventcount keeps its waiter count in the int after its word (every ring layout does).
        var sleepers = Volatile.Read(ref word[1]);
        if (sleepers <= 0)
        {
            return;
        }

        try
        {
            // Fails only when the count would pass int.MaxValue, that is with billions of permits left: nothing to add.
            _ = Win32.ReleaseSemaphore(region.WakeSemaphore(OffsetOf(word)), sleepers, null);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private long OffsetOf(int* word)
    {
        var offset = (byte*)word - region.Pointer;
        return offset >= 0 && offset + 8 <= region.Length
            ? offset
            : throw new ArgumentOutOfRangeException(nameof(word), "The word is not inside the region this strategy serves.");
    }
}
