namespace WebsocketProxy.Ipc.Platform.Portable;

/// <summary>
/// The user name, and no process checks: .NET cannot tell which user runs another process nor which files it holds, so
/// no process is ever proven to be a hung lease holder (the caller reports it instead of terminating it).
/// </summary>
internal sealed class PortableIdentity : IProcessIdentity
{
    public static PortableIdentity Instance { get; } = new();

    private PortableIdentity()
    {
    }

    public string UserKey => Environment.UserName;

    public string? RefuseToTerminate(int pid, string leasePath) =>
        "the portable IPC back-end cannot prove which process holds a lease (that needs the native back-end's process checks)";
}
