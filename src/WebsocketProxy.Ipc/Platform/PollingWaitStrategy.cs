namespace WebsocketProxy.Ipc.Platform;

/// <summary>
/// Timed polling: the sleeper naps for a short interval and looks again; waking is a no-op. Any back-end offers it
/// (<see cref="WaitStrategyKind.Polling"/>).
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
