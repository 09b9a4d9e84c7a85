using System.ComponentModel;
using System.Runtime.Versioning;

namespace WebsocketProxy.Ipc.Platform.Windows;

/// <summary>
/// The user's SID; a hung lease holder is proven by the Restart Manager (the pid holds the lease file open) and the
/// process token (it runs as this user). Built, never run: there is no Windows machine here.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsProcessIdentity : IProcessIdentity
{
    public static WindowsProcessIdentity Instance { get; } = new();

    private WindowsProcessIdentity()
    {
    }

    public string UserKey => WindowsSecurity.UserSid;

    public string? RefuseToTerminate(int pid, string leasePath)
    {
        if (pid <= 4 || pid == Environment.ProcessId)
        {
            return $"pid {pid} is not a proxy process of its own";
        }

        var lease = Path.GetFullPath(leasePath);
        try
        {
            if (!RestartManager.ProcessesHolding(lease).Contains(pid))
            {
                return $"process {pid} does not hold the instance lease {lease}";
            }

            if (WindowsSecurity.UserOfProcess(pid) is not { } user || !string.Equals(user, WindowsSecurity.UserSid, StringComparison.OrdinalIgnoreCase))
            {
                return $"process {pid} does not run as this user";
            }

            return WindowsLiveness.Instance.IsHeld(lease) ? null : "the instance lease is free: the proxy is gone already";
        }
        catch (Exception ex) when (ex is Win32Exception or IOException or UnauthorizedAccessException)
        {
            return $"process {pid} cannot be inspected: {ex.Message}";
        }
    }
}
