namespace WebsocketProxy.Ipc.Platform.Portable;

/// <summary>
/// Spin, then yield, then sleep with a bounded backoff, looking at the word between steps: a writer that notifies soon
/// after the sleeper started is seen within microseconds, an idle one costs a wake-up per millisecond at most (the
/// shortest <see cref="Thread.Sleep(int)"/>; on Windows the timer tick, about 15.6 ms unless raised).
/// </summary>
internal sealed unsafe class BackoffWaitStrategy : IWaitStrategy
{
    private const int YieldSteps = 64;

    public static BackoffWaitStrategy Instance { get; } = new();

    private BackoffWaitStrategy()
    {
    }

    public void Sleep(int* word, int observed, TimeSpan timeout)
    {
        var started = Environment.TickCount64;
        var limit = (long)Math.Ceiling(timeout.TotalMilliseconds);
        for (var step = 0; Volatile.Read(ref *word) == observed; step++)
        {
            if (step < YieldSteps)
            {
                // About 50 µs in all: a busy feed's next batch usually lands here.
                if (!Thread.Yield())
                {
                    Thread.SpinWait(50);
                }

                continue;
            }

            if (Environment.TickCount64 - started >= limit)
            {
                return;
            }

            Thread.Sleep(1);
        }
    }

    public void Wake(int* word)
    {
        // Sleepers see the word change on their own.
    }
}
