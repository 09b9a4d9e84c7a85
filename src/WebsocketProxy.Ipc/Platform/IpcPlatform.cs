namespace WebsocketProxy.Ipc.Platform;

/// <summary>
/// One back-end of the transport's platform layer: where files live, how a region is shared, how a sleeper waits on a
/// word of it, how a process's death is observed, and who the user is. The rings, the broadcast ring and the leases
/// are written once against these seams; a back-end supplies them.
/// </summary>
/// <remarks>
/// Every back-end owns a root directory of its own (<see cref="IIpcNaming.RootDirectory"/>), so a path names its
/// back-end: <see cref="ForPath"/> finds it. That is how a ring or a lease opened by path uses the back-end its
/// creator chose without every public entry point taking one.
/// </remarks>
internal abstract class IpcPlatform
{
    public abstract IpcBackend Backend { get; }

    public abstract IIpcNaming Naming { get; }

    public abstract ISharedMemory Memory { get; }

    public abstract IWaiting Waiting { get; }

    public abstract ILiveness Liveness { get; }

    public abstract IProcessIdentity Identity { get; }

    /// <summary>The back-end <paramref name="backend"/> of this operating system.</summary>
    public static IpcPlatform For(IpcBackend backend) => backend switch
    {
        IpcBackend.Native => Native,
        IpcBackend.Portable => Portable.PortablePlatform.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "Unknown IPC back-end."),
    };

    /// <summary>The back-end whose root directory holds <paramref name="path"/>; the native one for any other path.</summary>
    public static IpcPlatform ForPath(string path)
    {
        var portable = Portable.PortablePlatform.Instance;
        return portable.Naming.Holds(path) ? portable : Native;
    }

    /// <summary>
    /// This system's native back-end: Windows's, macOS's, or Linux's (whose POSIX code also runs on FreeBSD, with timed
    /// polling for wake-ups).
    /// </summary>
    private static IpcPlatform Native
    {
        get
        {
            if (OperatingSystem.IsWindows())
            {
                return Windows.WindowsPlatform.Instance;
            }

            if (OperatingSystem.IsMacOS())
            {
                return MacOS.MacOSPlatform.Instance;
            }

            if (OperatingSystem.IsLinux() || OperatingSystem.IsFreeBSD())
            {
                return Linux.LinuxPlatform.Instance;
            }

            throw new PlatformNotSupportedException("The shared-memory transport has no native back-end on this system; use IpcBackend.Portable.");
        }
    }
}
