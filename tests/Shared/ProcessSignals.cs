using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace WebsocketProxy.Tests.Shared;

/// <summary>Killing, stopping and continuing any process of this user, child or not (the proxy is detached).</summary>
internal static partial class ProcessSignals
{
    // Linux numbering (x64 and arm64 alike).
    private const int SigCont = 18;
    private const int SigStop = 19;

    /// <summary>kill -9 (TerminateProcess on Windows): no handler runs, nothing is cleaned up.</summary>
    public static void Kill(int pid)
    {
        using var process = Process.GetProcessById(pid);
        process.Kill();
    }

    /// <summary>Freezes the process: it holds every lock, lease and socket it had, and does nothing.</summary>
    [SupportedOSPlatform("linux")]
    public static void Stop(int pid) => Send(pid, SigStop);

    [SupportedOSPlatform("linux")]
    public static void Continue(int pid) => Send(pid, SigCont);

    /// <summary>SIGCONT that tolerates a process already gone (cleanup paths).</summary>
    [SupportedOSPlatform("linux")]
    public static void TryContinue(int pid) => _ = Kill(pid, SigCont);

    [SupportedOSPlatform("linux")]
    private static void Send(int pid, int signal)
    {
        if (Kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    [SupportedOSPlatform("linux")]
    private static partial int Kill(int pid, int signal);
}
