using System.Runtime.Versioning;

namespace WebsocketProxy.Ipc.Platform.Windows;

/// <summary>
/// The Windows back-end: sections backed by the paging file with a descriptor granting this user alone, named in
/// <c>Local\</c> after the user's SID and published by files of a private directory in the user's local application
/// data; named semaphores for wake-ups; lease files held with an exclusive share mode. Compiled and unit-tested on Linux
/// only: see docs/ipc.md, "Back-ends on Windows and macOS".
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsPlatform : IpcPlatform
{
    public static WindowsPlatform Instance { get; } = new();

    private WindowsPlatform()
    {
    }

    public override IpcBackend Backend => IpcBackend.Native;

    public override IIpcNaming Naming => WindowsNaming.Instance;

    public override ISharedMemory Memory => WindowsSharedMemory.Instance;

    public override IWaiting Waiting => WindowsWaiting.Instance;

    public override ILiveness Liveness => WindowsLiveness.Instance;

    public override IProcessIdentity Identity => WindowsProcessIdentity.Instance;
}
