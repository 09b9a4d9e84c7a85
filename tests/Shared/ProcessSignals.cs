using System.Runtime.InteropServices;

namespace WebsocketProxy.Tests.Shared;

/// <summary>kill -9, SIGSTOP and SIGCONT for any process of this user, child or not (the proxy is detached).</summary>
internal static partial class ProcessSignals
{
    // Linux numbering (x64 and arm64 alike).
    private const int SigKill = 9;
    private const int SigCont = 18;
    private const int SigStop = 19;

    /// <summary>kill -9: no handler runs, nothing is cleaned up.</summary>
    public static void Kill(int pid) => Send(pid, SigKill);

    /// <summary>Freezes the process: it holds every lock, lease and socket it had, and does nothing.</summary>
    public static void Stop(int pid) => Send(pid, SigStop);

    public static void Continue(int pid) => Send(pid, SigCont);

    /// <summary>SIGCONT that tolerates a process already gone (cleanup paths).</summary>
    public static void TryContinue(int pid) => _ = Kill(pid, SigCont);

    private static void Send(int pid, int signal)
    {
        if (Kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
