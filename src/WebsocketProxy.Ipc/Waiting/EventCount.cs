using WebsocketProxy.Ipc.Platform;

namespace WebsocketProxy.Ipc.Waiting;

/// <summary>
/// An eventcount living in shared memory: a futex word and a waiter count, on their own cache line.
/// Sleepers register before their final re-check and the notifier fences before reading the count,
/// so either the sleeper sees the data or the notifier sees the sleeper (no lost wake-up).
/// </summary>
internal readonly unsafe struct EventCount(int* word, int* waiters)
{
    public int* Word => word;

    public int Waiters => Volatile.Read(ref *waiters);

    /// <summary>Registers as a waiter and returns the word to sleep on; pair with <see cref="CancelWait"/>.</summary>
    public int PrepareWait()
    {
        Interlocked.Increment(ref *waiters);
        return Volatile.Read(ref *word);
    }

    public void CancelWait() => Interlocked.Decrement(ref *waiters);

    /// <summary>Wakes sleepers if there are any. Costs one fence when nobody sleeps.</summary>
    public void Notify(IWaitStrategy strategy)
    {
        // Store-load barrier: our data stores must be visible before we read the waiter count.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref *waiters) > 0)
        {
            Interlocked.Increment(ref *word);
            strategy.Wake(word);
        }
    }

    /// <summary>Wakes sleepers unconditionally (shutdown, cancellation).</summary>
    public void NotifyAll(IWaitStrategy strategy)
    {
        Interlocked.Increment(ref *word);
        strategy.Wake(word);
    }
}
