namespace WebsocketProxy.Ipc;

/// <summary>How a reader sleeps once its brief spin found nothing.</summary>
public enum WaitStrategyKind
{
    /// <summary>Futex on Linux, timed polling elsewhere.</summary>
    Auto,

    /// <summary>Linux futex on a word in the shared mapping; the writer wakes sleepers once per batch.</summary>
    Futex,

    /// <summary>Timed polling (about 1 ms naps): portable, no kernel wake-ups, slightly higher latency and CPU.</summary>
    Polling,
}
