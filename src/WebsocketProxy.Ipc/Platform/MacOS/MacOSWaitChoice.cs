namespace WebsocketProxy.Ipc.Platform.MacOS;

/// <summary>How a macOS process sleeps, by what the system offers; apart from the calls so it is checked on every system.</summary>
internal static class MacOSWaitChoice
{
    /// <summary>The ways a macOS sleeper can wait.</summary>
    internal enum Sleeper
    {
        /// <summary><c>os_sync_wait_on_address</c> (macOS 14.4+), woken by the writer.</summary>
        OsSync,

        /// <summary>Spin, yield, then 1 ms naps, looking at the word between steps.</summary>
        Backoff,

        /// <summary>Timed polling, when asked for.</summary>
        Polling,
    }

    /// <summary>The sleeper for <paramref name="kind"/>; <see cref="WaitStrategyKind.Futex"/> asks for the kernel wait, os_sync here.</summary>
    /// <exception cref="PlatformNotSupportedException">A kernel wait is asked for where the system has none.</exception>
    public static Sleeper Choose(bool osSyncAvailable, WaitStrategyKind kind) => kind switch
    {
        WaitStrategyKind.Auto => osSyncAvailable ? Sleeper.OsSync : Sleeper.Backoff,
        WaitStrategyKind.Futex when osSyncAvailable => Sleeper.OsSync,
        WaitStrategyKind.Futex => throw new PlatformNotSupportedException(
            "A kernel wait on macOS needs os_sync_wait_on_address (macOS 14.4 or later); use WaitStrategyKind.Auto or Polling."),
        WaitStrategyKind.Polling => Sleeper.Polling,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown wait strategy."),
    };
}
