using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace WebsocketProxy.Tests.Shared;

/// <summary>Ctrl-C for child processes: sending SIGINT, and making sure a child can receive it (Linux: it reads /proc).</summary>
[SupportedOSPlatform("linux")]
internal static partial class Interrupts
{
    public const int NoSuchProcess = 3;
    private const int SigInt = 2;
    private const nint SigDefault = 0;
    private const nint SigIgnore = 1;

    /// <summary>Sends SIGINT, what Ctrl-C in a terminal sends (Process has no API for it).</summary>
    /// <returns>0, or the errno of the failed kill.</returns>
    public static int Send(int pid) => Kill(pid, SigInt) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>
    /// A test host started in the background by a shell without job control has SIGINT ignored, and a child
    /// inherits an ignored signal: the child would never see the test's Ctrl-C. Starts it with the default
    /// disposition instead (the runtime installs no handler of its own for a signal it found ignored, so none
    /// is lost here).
    /// </summary>
    public static Process StartWithSigIntDefault(ProcessStartInfo start)
    {
        var ignored = IsIgnoredHere(SigInt);
        if (ignored)
        {
            _ = Signal(SigInt, SigDefault);
        }

        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        }
        finally
        {
            if (ignored)
            {
                _ = Signal(SigInt, SigIgnore);
            }
        }
    }

    private static bool IsIgnoredHere(int signal)
    {
        var mask = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("SigIgn:", StringComparison.Ordinal))["SigIgn:".Length..].Trim();
        return (ulong.Parse(mask, NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << (signal - 1))) != 0;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint Signal(int signal, nint handler);
}
