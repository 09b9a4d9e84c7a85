namespace WebsocketProxy.Ipc.Platform.Portable;

/// <summary>
/// No kernel wake-up: sleepers watch the word with <see cref="BackoffWaitStrategy"/>, and the writer's increment of the
/// word (<see cref="Waiting.EventCount.Notify"/>) is the whole wake-up.
/// </summary>
internal sealed class PortableWaiting : IWaiting
{
    public static PortableWaiting Instance { get; } = new();

    private PortableWaiting()
    {
    }

    public IWaitStrategy Waker(IMappedRegion region) => BackoffWaitStrategy.Instance;

    public IWaitStrategy Sleeper(IMappedRegion region, WaitStrategyKind kind) => kind switch
    {
        WaitStrategyKind.Auto => BackoffWaitStrategy.Instance,
        WaitStrategyKind.Futex => throw new PlatformNotSupportedException("The portable IPC back-end has no futex; use WaitStrategyKind.Auto or Polling."),
        WaitStrategyKind.Polling => PollingWaitStrategy.Default,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown wait strategy."),
    };
}
