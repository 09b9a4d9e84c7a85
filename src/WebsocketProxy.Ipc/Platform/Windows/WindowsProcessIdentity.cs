using System.Runtime.Versioning;

namespace WebsocketProxy.Ipc.Platform.Windows;

/// <summary>The user's SID; no process is ever proven to be a hung lease holder here (the caller reports it instead).</summary>
/// <remarks>
/// Proving it would take the Restart Manager (<c>RmGetList</c> lists the processes holding a file open) and the process
/// token's user; until that is written and tested on Windows, a hung proxy is reported, never terminated.
/// </remarks>
[SupportedOSPlatform("windows")]
internal sealed class WindowsProcessIdentity : IProcessIdentity
{
    public static WindowsProcessIdentity Instance { get; } = new();

    private WindowsProcessIdentity()
    {
    }

    public string UserKey => WindowsSecurity.UserSid;

    public string? RefuseToTerminate(int pid, string leasePath) =>
        "the Windows IPC back-end cannot yet prove which process holds a lease";
}
