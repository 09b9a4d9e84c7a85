using System.Runtime.Versioning;

namespace WebsocketProxy.Ipc.Platform.Linux;

/// <summary>Futex on 64-bit Linux, shared (not private) so sleepers of every process meet on the word; timed polling elsewhere.</summary>
[SupportedOSPlatform("linux")]
[SupportedOSPlatform("freebsd")]
internal sealed class LinuxWaiting : IWaiting
{
    public static LinuxWaiting Instance { get; } = new();

    private LinuxWaiting()
    {
    }

    /// <summary>Futex where available (harmless to pollers), else nothing to do.</summary>
    public IWaitStrategy Waker(IMappedRegion region) => Default;

    public IWaitStrategy Sleeper(IMappedRegion region, WaitStrategyKind kind) => kind switch
    {
        WaitStrategyKind.Auto => Default,
        WaitStrategyKind.Futex when Futex.IsSupported => FutexWaitStrategy.Instance,
        WaitStrategyKind.Futex => throw new PlatformNotSupportedException("Futex waiting needs 64-bit Linux; use WaitStrategyKind.Polling or Auto."),
        WaitStrategyKind.Polling => PollingWaitStrategy.Default,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown wait strategy."),
    };

    private static IWaitStrategy Default => Futex.IsSupported ? FutexWaitStrategy.Instance : PollingWaitStrategy.Default;
}
