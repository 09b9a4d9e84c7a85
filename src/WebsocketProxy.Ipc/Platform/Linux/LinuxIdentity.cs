using System.Runtime.Versioning;

namespace WebsocketProxy.Ipc.Platform.Linux;

/// <summary>The effective uid (<c>geteuid</c>), and <c>/proc</c> to prove that a process is this user's lease holder.</summary>
[SupportedOSPlatform("linux")]
[SupportedOSPlatform("macos")]
[SupportedOSPlatform("freebsd")]
internal sealed class LinuxIdentity : IProcessIdentity
{
    public static LinuxIdentity Instance { get; } = new();

    private LinuxIdentity()
    {
    }

    /// <summary>The effective user id of this process; 0 on Windows, where the concept does not exist.</summary>
    public static int EffectiveUserId { get; } = OperatingSystem.IsWindows() ? 0 : unchecked((int)LibC.GetEffectiveUserId());

    public string UserKey => EffectiveUserId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string? RefuseToTerminate(int pid, string leasePath)
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

            var lease = Path.GetFullPath(leasePath);
            var holdsLease = Directory.EnumerateFiles(Path.Combine(process, "fd"))
                .Any(fd => string.Equals(new FileInfo(fd).LinkTarget, lease, StringComparison.Ordinal));
            if (!holdsLease)
            {
                return $"process {pid} does not hold the instance lease {lease}";
            }

            return FlockLiveness.Instance.IsHeld(lease) ? null : "the instance lease is free: the proxy is gone already";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Gone meanwhile, or /proc not readable (hidepid): not provably ours.
            return $"process {pid} cannot be inspected: {ex.Message}";
        }
    }

    /// <summary>The real uid in a <c>/proc/*/status</c> file ("Uid:	real	effective	saved	fs").</summary>
    private static string? RealUid(string statusFile) =>
        File.ReadLines(statusFile)
            .FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?
            .Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ElementAtOrDefault(1);
}
