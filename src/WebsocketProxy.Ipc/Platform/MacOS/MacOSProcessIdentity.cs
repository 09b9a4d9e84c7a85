using System.Runtime.Versioning;
using WebsocketProxy.Ipc.Platform.Linux;

namespace WebsocketProxy.Ipc.Platform.MacOS;

/// <summary>
/// The uid, and libproc to prove that a process is this user's hung lease holder: it runs as this uid and holds the
/// lease file open while the lease is held (what Linux reads in <c>/proc</c>). Built, never run: there is no macOS
/// machine here.
/// </summary>
[SupportedOSPlatform("macos")]
internal sealed class MacOSProcessIdentity : IProcessIdentity
{
    public static MacOSProcessIdentity Instance { get; } = new();

    private MacOSProcessIdentity()
    {
    }

    public string UserKey => LinuxIdentity.Instance.UserKey;

    public string? RefuseToTerminate(int pid, string leasePath)
    {
        if (pid <= 1 || pid == Environment.ProcessId)
        {
            return $"pid {pid} is not a proxy process of its own";
        }

        var me = (uint)LinuxIdentity.EffectiveUserId;
        if (LibProc.UsersOf(pid) is not { } users)
        {
            return $"process {pid} no longer runs, or cannot be inspected";
        }

        if (users.Uid != me || users.RealUid != me)
        {
            return $"process {pid} does not run as this user";
        }

        // The kernel names open files by their real path (/private/var/folders/..., not /var/folders/...).
        var lease = LibProc.RealPath(Path.GetFullPath(leasePath));
        if (lease is null)
        {
            return "the instance lease file is gone: the proxy is gone already";
        }

        if (LibProc.FilesOpenBy(pid) is not { } files || !files.Contains(lease, StringComparer.Ordinal))
        {
            return $"process {pid} does not hold the instance lease {lease}";
        }

        return FlockLiveness.Instance.IsHeld(leasePath) ? null : "the instance lease is free: the proxy is gone already";
    }
}
