using System.Runtime.Versioning;

namespace WebsocketProxy.Ipc.Platform.Windows;

/// <summary>Named semaphores per word (<see cref="SemaphoreWaitStrategy"/>), or timed polling when asked for.</summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsWaiting : IWaiting
{
    public static WindowsWaiting Instance { get; } = new();

    private WindowsWaiting()
    {
    }

    /// <summary>The semaphores: pollers see the word change on their own.</summary>
    public IWaitStrategy Waker(IMappedRegion region) => new SemaphoreWaitStrategy(Section(region));

    public IWaitStrategy Sleeper(IMappedRegion region, WaitStrategyKind kind) => kind switch
    {
        WaitStrategyKind.Auto => new SemaphoreWaitStrategy(Section(region)),
        WaitStrategyKind.Futex => throw new PlatformNotSupportedException("Futex waiting needs Linux; on Windows use WaitStrategyKind.Auto (named semaphores) or Polling."),
        WaitStrategyKind.Polling => PollingWaitStrategy.Default,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown wait strategy."),
    };

    private static WindowsSection Section(IMappedRegion region) =>
        region as WindowsSection ?? throw new ArgumentException($"'{region.Path}' is not a region of the Windows back-end.", nameof(region));
}
