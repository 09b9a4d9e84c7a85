using System.Runtime.Versioning;
using WebsocketProxy.Ipc.Platform;
using WebsocketProxy.Ipc.Platform.Linux;

namespace WebsocketProxy.Ipc;

/// <summary>
/// Where the shared-memory and lease files of a user live: one private directory per user and back-end, created on
/// first use (mode 0700 where the system has modes) and checked on every open. On Linux's native back-end it is
/// <c>/dev/shm/wsproxy-&lt;uid&gt;/</c>; the portable back-end's is <c>wsproxy-&lt;user&gt;-portable</c> in the temporary
/// directory. Members without an <see cref="IpcBackend"/> use <see cref="IpcBackendSelection.Default"/>.
/// </summary>
/// <remarks>
/// The native directory depends on the effective uid only, never on the environment, so every process of a user (a login
/// shell with <c>XDG_RUNTIME_DIR</c>, a cron job or a service without it) finds the same proxy. Its name is predictable,
/// so another user can create it first: every open then fails at once with an <see cref="UnauthorizedAccessException"/>
/// naming the path and its owner instead of waiting.
/// </remarks>
public static class IpcPaths
{
    /// <summary>The effective user id of this process (<c>geteuid</c>); 0 where the concept does not exist (Windows).</summary>
    public static int CurrentUserId =>
        OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() ? LinuxIdentity.EffectiveUserId : 0;

    /// <summary>
    /// This user's directory for the default back-end: <c>/dev/shm/wsproxy-&lt;uid&gt;</c> for the native one on Linux
    /// (<c>/tmp/wsproxy-&lt;uid&gt;</c> on systems without <c>/dev/shm</c>). It may not exist yet: the first file created
    /// in it creates it privately.
    /// </summary>
    public static string RootDirectory => RootDirectoryOf(IpcBackendSelection.Default);

    /// <summary>This user's directory for <paramref name="backend"/>; it may not exist yet.</summary>
    /// <param name="backend">The back-end.</param>
    /// <returns>The directory's full path.</returns>
    public static string RootDirectoryOf(IpcBackend backend) => IpcPlatform.For(backend).Naming.RootDirectory;

    /// <summary>The full path <c>&lt;root&gt;/&lt;name&gt;</c> for the current user and the default back-end.</summary>
    /// <param name="name">Letters, digits, '.', '_' and '-' only; 1 to 200 characters; not starting with '.'.</param>
    /// <exception cref="ArgumentException">The name is empty, too long or contains other characters.</exception>
    public static string ForUser(string name) => ForUser(name, IpcBackendSelection.Default);

    /// <summary>The full path <c>&lt;root&gt;/&lt;name&gt;</c> for the current user and <paramref name="backend"/>.</summary>
    /// <param name="name">Letters, digits, '.', '_' and '-' only; 1 to 200 characters; not starting with '.'.</param>
    /// <param name="backend">The back-end whose directory holds the file.</param>
    /// <exception cref="ArgumentException">The name is empty, too long or contains other characters.</exception>
    public static string ForUser(string name, IpcBackend backend)
    {
        var naming = IpcPlatform.For(backend).Naming;
        Validate(name, naming.MaxNameLength);
        return Path.Combine(naming.RootDirectory, name);
    }

    /// <summary>The full path for <paramref name="name"/> in the native directory of user <paramref name="userId"/> (also used to test that users never collide).</summary>
    /// <param name="name">Letters, digits, '.', '_' and '-' only; 1 to 200 characters; not starting with '.'.</param>
    /// <param name="userId">The numeric user id the name belongs to.</param>
    /// <remarks>Linux (and FreeBSD) only: the macOS directory comes from the user's own session, Windows has no uids.</remarks>
    [SupportedOSPlatform("linux")]
    [SupportedOSPlatform("freebsd")]
    public static string ForUser(string name, int userId)
    {
        Validate(name, LinuxNaming.Instance.MaxNameLength);
        return Path.Combine(LinuxNaming.DirectoryFor(userId), name);
    }

    /// <summary>
    /// Creates <see cref="RootDirectory"/> (mode 0700) when missing and checks that it is a directory (not a symbolic
    /// link) owned by this user with no group or other permission; returns its path.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">Another user took the path: the message names the path and its owner.</exception>
    /// <exception cref="IOException">The directory cannot be created.</exception>
    public static string EnsureRootDirectory() => EnsureRootDirectory(IpcBackendSelection.Default);

    /// <summary>As <see cref="EnsureRootDirectory()"/>, for the directory of <paramref name="backend"/>.</summary>
    /// <param name="backend">The back-end.</param>
    /// <returns>The directory's full path.</returns>
    /// <exception cref="UnauthorizedAccessException">Another user took the path, or it is open to others.</exception>
    /// <exception cref="IOException">The directory cannot be created.</exception>
    public static string EnsureRootDirectory(IpcBackend backend)
    {
        var naming = IpcPlatform.For(backend).Naming;
        naming.EnsureRootDirectory();
        return naming.RootDirectory;
    }

    /// <summary>Whether <paramref name="path"/> names an entry directly inside <paramref name="directory"/>.</summary>
    internal static bool IsDirectlyIn(string path, string directory) =>
        string.Equals(Path.GetDirectoryName(path)?.TrimEnd(Path.DirectorySeparatorChar), directory.TrimEnd(Path.DirectorySeparatorChar),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static void Validate(string name, int maxLength)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > maxLength)
        {
            throw new ArgumentException($"An IPC name is at most {maxLength} characters; got {name.Length}.", nameof(name));
        }

        if (name[0] == '.')
        {
            throw new ArgumentException($"An IPC name must not start with '.': '{name}'.", nameof(name));
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                throw new ArgumentException($"An IPC name may hold only letters, digits, '.', '_' and '-'; '{name}' has '{c}'.", nameof(name));
            }
        }
    }
}
