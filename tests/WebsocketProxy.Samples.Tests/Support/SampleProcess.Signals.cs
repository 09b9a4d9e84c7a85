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

    private const int NoSuchProcess = 3;

    /// <summary>Sends the sample SIGINT, what Ctrl-C in a terminal sends (Process has no API for it).</summary>
    public void Interrupt() =>
        Assert.True(Kill(_process.Id, SigInt) == 0, $"kill -INT {_process.Id} failed: errno {Marshal.GetLastPInvokeError()}");

    /// <summary>
    /// Ctrl-C as a terminal delivers it: SIGINT to every process of the sample's process group. The sample shares
    /// the test host's group, so only the run's processes in that group are signalled, never the test host.
    /// </summary>
    /// <returns>The processes signalled.</returns>
    public IReadOnlyList<ObservedProcess> InterruptProcessGroup(ProcessRun run)
    {
        var group = ObservedProcess.ProcessGroupOf(_process.Id);
        var signalled = new List<ObservedProcess>();
        foreach (var process in run.Alive().Where(p => p.ProcessGroup() == group))
        {
            if (Kill(process.Pid, SigInt) == 0)
            {
                signalled.Add(process);
            }
            else
            {
                var errno = Marshal.GetLastPInvokeError();
                Assert.True(errno == NoSuchProcess, $"kill -INT {process.Pid} failed: errno {errno}");
            }
        }

        return signalled;
    }

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
