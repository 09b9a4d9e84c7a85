namespace WebsocketProxy.Ipc;

/// <summary>How a broadcast reader or a message ring waits: a brief spin, then a sleep that the other side can cut short.</summary>
public sealed record WaitOptions
{
    /// <summary>The defaults: a short spin (this is meant for 2-core machines), then futex sleep in 100 ms slices.</summary>
    public static WaitOptions Default { get; } = new();

    /// <summary>Spin iterations (each a few dozen pause instructions) before sleeping. Default 32.</summary>
    public int SpinCount { get; init; } = 32;

    /// <summary>How to sleep. Default <see cref="WaitStrategyKind.Auto"/>.</summary>
    public WaitStrategyKind WaitStrategy { get; init; } = WaitStrategyKind.Auto;

    /// <summary>Longest single sleep, so a sleeper looks at liveness and cancellation regularly. Default 100 ms.</summary>
    public TimeSpan SleepSlice { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Clock used to bound waits. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal Waiting.WaitSettings ToSettings()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(SpinCount);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SleepSlice, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        return new(SpinCount, SleepSlice, TimeProvider);
    }
}
