namespace WebsocketProxy.Ipc;

/// <summary>How a reader sleeps once its brief spin found nothing.</summary>
public enum WaitStrategyKind
{
    /// <summary>The back-end's own: futex on Linux's native back-end, spin-then-sleep on the portable one, timed polling elsewhere.</summary>
    Auto,

    /// <summary>Linux futex on a word in the shared mapping; the writer wakes sleepers once per batch. Native back-end on 64-bit Linux only.</summary>
    Futex,

    /// <summary>Timed polling (about 1 ms naps): portable, no kernel wake-ups, slightly higher latency and CPU.</summary>
    Polling,
}
