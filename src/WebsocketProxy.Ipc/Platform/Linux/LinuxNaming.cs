using System.Globalization;
using System.Runtime.Versioning;

namespace WebsocketProxy.Ipc.Platform.Linux;

/// <summary>
/// <c>/dev/shm/wsproxy-&lt;uid&gt;/</c> (<c>/tmp/wsproxy-&lt;uid&gt;/</c> without <c>/dev/shm</c>): the effective uid only,
/// never the environment, so every process of a user (a login shell with <c>XDG_RUNTIME_DIR</c>, a cron job or a service
/// without it) finds the same proxy. <c>/dev/shm</c> is a tmpfs on every Linux system, so the rings are memory.
/// </summary>
[SupportedOSPlatform("linux")]
[SupportedOSPlatform("freebsd")]
internal sealed class LinuxNaming : IIpcNaming
{
    public static LinuxNaming Instance { get; } = new();

    private LinuxNaming()
    {
        RootDirectory = DirectoryFor(LinuxIdentity.EffectiveUserId);
    }

    public string RootDirectory { get; }

    /// <summary>Far below NAME_MAX (255), leaving room for the suffixes ring files get while built (<c>.new-&lt;random&gt;</c>).</summary>
    public int MaxNameLength => 200;

    public void EnsureRootDirectory() => PrivateFiles.EnsureDirectory(RootDirectory);

    public bool Holds(string path) => IpcPaths.IsDirectlyIn(path, RootDirectory);

    /// <summary>The directory of user <paramref name="userId"/>.</summary>
    public static string DirectoryFor(int userId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(userId);
        var user = string.Create(CultureInfo.InvariantCulture, $"wsproxy-{userId}");
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Path.GetTempPath(), user);
        }

        // Deliberately not $XDG_RUNTIME_DIR or $TMPDIR: a process without them (cron, systemd services, sudo) would pick
        // another directory and start a second proxy on the same upstream key.
        return Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : "/tmp", user);
    }
}
