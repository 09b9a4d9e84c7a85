using System.Runtime.Versioning;

namespace WebsocketProxy.Ipc.Platform.Linux;

/// <summary>
/// The Linux back-end: a 0700 directory per uid in <c>/dev/shm</c>, files opened relative to it without following links
/// and checked with statx(2), futex wake-ups, <c>flock</c> leases and <c>/proc</c> for process checks.
/// </summary>
[SupportedOSPlatform("linux")]
[SupportedOSPlatform("freebsd")]
internal sealed class LinuxPlatform : IpcPlatform
{
    public static LinuxPlatform Instance { get; } = new();

    private LinuxPlatform()
    {
    }

    public override IpcBackend Backend => IpcBackend.Native;

    public override IIpcNaming Naming => LinuxNaming.Instance;

    public override ISharedMemory Memory => LinuxSharedMemory.Instance;

    public override IWaiting Waiting => LinuxWaiting.Instance;

    public override ILiveness Liveness => FlockLiveness.Instance;

    public override IProcessIdentity Identity => LinuxIdentity.Instance;
}
