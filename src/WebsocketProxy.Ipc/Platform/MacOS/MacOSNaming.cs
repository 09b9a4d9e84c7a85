using System.Runtime.Versioning;
using WebsocketProxy.Ipc.Platform.Linux;

namespace WebsocketProxy.Ipc.Platform.MacOS;

/// <summary>
/// <c>&lt;user temporary directory&gt;/wsproxy-&lt;uid&gt;/</c>, the first part from <c>confstr(_CS_DARWIN_USER_TEMP_DIR)</c>
/// (<c>/var/folders/…/T/</c>; <c>/tmp</c> when the system cannot say): private to the user by construction, found
/// from the user and not the environment, so a launchd job and a login shell agree. The directory itself is created
/// 0700 and checked on every open by the POSIX code the Linux back-end uses.
/// </summary>
/// <remarks>
/// macOS has no tmpfs: ring files live on the system volume, and dirty pages reach the disk now and then (the unified
/// buffer cache keeps them in memory meanwhile). POSIX shared memory (<c>shm_open</c>) would stay in memory, but its
/// names are limited to 31 characters (PSHMNAMLEN), it cannot be listed (the transport finds clients by file name),
/// and an object can be sized only once; so files it is. macOS cleans files in its temporary directories that nobody
/// accessed for three days; a lease file held that long without anyone probing it could be removed (not seen in
/// testing: there was no macOS to test on).
/// </remarks>
[SupportedOSPlatform("macos")]
internal sealed class MacOSNaming : IIpcNaming
{
    public static MacOSNaming Instance { get; } = new();

    private MacOSNaming()
    {
        RootDirectory = MacOSDirectory.For(Darwin.UserTemporaryDirectoryPath(), LinuxIdentity.EffectiveUserId);
    }

    public string RootDirectory { get; }

    /// <summary>Far below NAME_MAX (255), leaving room for the <c>.new-&lt;random&gt;</c> suffix.</summary>
    public int MaxNameLength => 200;

    public void EnsureRootDirectory() => PrivateFiles.EnsureDirectory(RootDirectory);

    public bool Holds(string path) => IpcPaths.IsDirectlyIn(path, RootDirectory);
}
