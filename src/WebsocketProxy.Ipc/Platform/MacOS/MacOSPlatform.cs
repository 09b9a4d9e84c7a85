using System.Runtime.Versioning;
using WebsocketProxy.Ipc.Platform.Linux;

namespace WebsocketProxy.Ipc.Platform.MacOS;

/// <summary>
/// The macOS back-end: file-backed mappings and <c>flock</c> leases in a 0700 directory inside the user's private
/// temporary directory, through the POSIX code of the Linux back-end (BSD open flags; no statx, so owners are not
/// checked, but nobody else can enter the parent); <c>os_sync_wait_on_address</c> wake-ups on macOS 14.4+, polling with
/// backoff before; the uid as the user, and libproc to prove a hung lease holder (as Linux reads <c>/proc</c>). Compiled and
/// unit-tested on Linux only: see docs/ipc.md, "Back-ends on Windows and macOS".
/// </summary>
[SupportedOSPlatform("macos")]
internal sealed class MacOSPlatform : IpcPlatform
{
    public static MacOSPlatform Instance { get; } = new();

    private MacOSPlatform()
    {
    }

    public override IpcBackend Backend => IpcBackend.Native;

    public override IIpcNaming Naming => MacOSNaming.Instance;

    public override ISharedMemory Memory => LinuxSharedMemory.Instance;

    public override IWaiting Waiting => MacOSWaiting.Instance;

    public override ILiveness Liveness => FlockLiveness.Instance;

    public override IProcessIdentity Identity => MacOSProcessIdentity.Instance;
}
