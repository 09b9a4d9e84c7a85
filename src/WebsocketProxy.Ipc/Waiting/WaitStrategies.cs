using WebsocketProxy.Ipc.Native;

namespace WebsocketProxy.Ipc.Waiting;

/// <summary>Maps the public <see cref="WaitStrategyKind"/> to an implementation.</summary>
internal static class WaitStrategies
{
    /// <summary>The strategy writers use to wake: futex where available (harmless to pollers), else none.</summary>
    public static IWaitStrategy ForWaker => Futex.IsSupported ? FutexWaitStrategy.Instance : PollingWaitStrategy.Default;

    public static IWaitStrategy Resolve(WaitStrategyKind kind) => kind switch
    {
        WaitStrategyKind.Auto => ForWaker,
        WaitStrategyKind.Futex when Futex.IsSupported => FutexWaitStrategy.Instance,
        WaitStrategyKind.Futex => throw new PlatformNotSupportedException("Futex waiting needs 64-bit Linux; use WaitStrategyKind.Polling or Auto."),
        WaitStrategyKind.Polling => PollingWaitStrategy.Default,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown wait strategy."),
    };
}
