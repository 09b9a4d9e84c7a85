namespace WebsocketProxy.Ipc.Platform.Portable;

/// <summary>
/// The portable back-end: only what .NET offers on Linux, Windows and macOS alike. File-backed mappings in a private
/// per-user temporary directory (0700 where the system has modes), lock files opened exclusively for liveness, and a
/// spin-then-sleep wait. No native call is made.
/// </summary>
internal sealed class PortablePlatform : IpcPlatform
{
    public static PortablePlatform Instance { get; } = new();

    private PortablePlatform()
    {
    }

    public override IpcBackend Backend => IpcBackend.Portable;

    public override IIpcNaming Naming => PortableDirectory.Instance;

    public override ISharedMemory Memory => PortableSharedMemory.Instance;

    public override IWaiting Waiting => PortableWaiting.Instance;

    public override ILiveness Liveness => LockFileLiveness.Instance;

    public override IProcessIdentity Identity => PortableIdentity.Instance;
}
