using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace WebsocketProxy.Ipc.Platform.Linux;

/// <summary>
/// Linux <c>futex(2)</c> on a word inside a MAP_SHARED mapping. The private flag is deliberately
/// not used: private futexes are keyed by virtual address and would not match across processes.
/// </summary>
[SupportedOSPlatform("linux")]
internal static unsafe class Futex
{
    private const int OpWait = 0;
    private const int OpWake = 1;

    /// <summary>True where <see cref="Wait"/> and <see cref="Wake"/> are available.</summary>
    [SupportedOSPlatformGuard("linux")]
    internal static bool IsSupported { get; } = OperatingSystem.IsLinux() && SyscallNumber != 0 && Environment.Is64BitProcess;

    private static long SyscallNumber => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 202,
        Architecture.Arm64 => 98,
        Architecture.LoongArch64 => 98,
        Architecture.RiscV64 => 98,
        _ => 0,
    };

    /// <summary>Sleeps while <paramref name="word"/> still holds <paramref name="expected"/>, at most <paramref name="timeout"/>.</summary>
    internal static void Wait(int* word, int expected, TimeSpan timeout)
    {
        var ticks = Math.Max(0, timeout.Ticks);
        var spec = new LibC.Timespec
        {
            Seconds = ticks / TimeSpan.TicksPerSecond,
            Nanoseconds = ticks % TimeSpan.TicksPerSecond * 100,
        };
        // EAGAIN (value changed), ETIMEDOUT and EINTR all mean "go and look again": the caller re-checks.
        _ = LibC.Futex(SyscallNumber, word, OpWait, expected, &spec, null, 0);
    }

    /// <summary>Wakes every process sleeping on <paramref name="word"/>.</summary>
    internal static void Wake(int* word) => _ = LibC.Futex(SyscallNumber, word, OpWake, int.MaxValue, null, null, 0);
}
