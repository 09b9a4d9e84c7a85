namespace WebsocketProxy.Ipc.Waiting;

/// <summary>
/// Portable fallback: the sleeper naps for a short interval and looks again; waking is a no-op.
/// Used where futex is not available (macOS, Windows) or when asked for explicitly.
/// </summary>
internal sealed unsafe class PollingWaitStrategy(TimeSpan interval) : IWaitStrategy
{
    public static PollingWaitStrategy Default { get; } = new(TimeSpan.FromMilliseconds(1));

    public void Sleep(int* word, int observed, TimeSpan timeout)
    {
        if (Volatile.Read(ref *word) != observed)
        {
            return;
        }

        Thread.Sleep(timeout < interval ? timeout : interval);
    }

    public void Wake(int* word)
    {
        // Pollers look again on their own within one interval.
    }
}
