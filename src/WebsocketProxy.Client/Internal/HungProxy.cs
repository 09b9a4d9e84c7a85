using System.Diagnostics;
using WebsocketProxy.Ipc;

namespace WebsocketProxy.Client.Internal;

/// <summary>
/// Terminating a proxy that holds its lease but has stopped stamping its heartbeat. Only a process proven to be this
/// instance's proxy of this user is touched: the pid the proxy itself gave at registration, running as this user,
/// holding the instance lease file open while the lease is held, and never this process.
/// </summary>
internal static class HungProxy
{
    /// <summary>Why <paramref name="pid"/> must not be terminated as the hung proxy; <see langword="null"/> when it may.</summary>
    /// <param name="pid">The proxy's pid, as its registration reply gave it.</param>
    /// <param name="instanceLease">The instance lease file the proxy holds.</param>
    /// <remarks>The back-end that holds the lease decides (<see cref="Lease.RefusalToTerminateHolder"/>).</remarks>
    public static string? Refusal(int pid, string instanceLease) => Lease.RefusalToTerminateHolder(pid, instanceLease);

    /// <summary>SIGKILL (a stopped process handles nothing else); <see langword="false"/> when it had gone already.</summary>
    public static bool Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
