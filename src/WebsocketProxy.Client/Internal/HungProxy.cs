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
    public static string? Refusal(int pid, string instanceLease)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "telling a hung proxy apart needs Linux's /proc";
        }

        if (pid <= 1 || pid == Environment.ProcessId)
        {
            return $"pid {pid} is not a proxy process of its own";
        }

        var process = $"/proc/{pid}";
        try
        {
            if (!Directory.Exists(process))
            {
                return $"process {pid} no longer runs";
            }

            if (RealUid(Path.Combine(process, "status")) is not { } uid || uid != RealUid("/proc/self/status"))
            {
                return $"process {pid} does not run as this user";
            }

            var lease = Path.GetFullPath(instanceLease);
            var holdsLease = Directory.EnumerateFiles(Path.Combine(process, "fd"))
                .Any(fd => string.Equals(new FileInfo(fd).LinkTarget, lease, StringComparison.Ordinal));
            if (!holdsLease)
            {
                return $"process {pid} does not hold the instance lease {lease}";
            }

            return Lease.IsHeld(lease) ? null : "the instance lease is free: the proxy is gone already";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Gone meanwhile, or /proc not readable (hidepid): not provably ours.
            return $"process {pid} cannot be inspected: {ex.Message}";
        }
    }

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

    /// <summary>The real uid in a <c>/proc/*/status</c> file ("Uid:	real	effective	saved	fs").</summary>
    private static string? RealUid(string statusFile) =>
        File.ReadLines(statusFile)
            .FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?
            .Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ElementAtOrDefault(1);
}
