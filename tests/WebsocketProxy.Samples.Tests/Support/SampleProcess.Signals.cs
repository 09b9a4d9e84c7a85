using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace WebsocketProxy.Samples.Tests.Support;

/// <summary>Ctrl-C: what a terminal sends, and making sure the sample can receive it.</summary>
public sealed partial class SampleProcess
{
    private const int SigInt = 2;
    private const nint SigDefault = 0;
    private const nint SigIgnore = 1;

    /// <summary>Sends SIGINT, what Ctrl-C in a terminal sends (Process has no API for it).</summary>
    public void Interrupt() =>
        Assert.True(Kill(_process.Id, SigInt) == 0, $"kill -INT {_process.Id} failed: errno {Marshal.GetLastPInvokeError()}");

    /// <summary>
    /// A test host started in the background by a shell without job control has SIGINT ignored, and a child
    /// inherits an ignored signal: the sample would never see the test's Ctrl-C. Starts it with the default
    /// disposition instead (the runtime installs no handler of its own for a signal it found ignored, so none
    /// is lost here).
    /// </summary>
    private static Process StartWithSigIntDefault(ProcessStartInfo start)
    {
        var ignored = IsIgnoredHere(SigInt);
        if (ignored)
        {
            _ = Signal(SigInt, SigDefault);
        }

        try
        {
            return Process.Start(start)!;
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
