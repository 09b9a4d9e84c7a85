using System.Globalization;
using WebsocketProxy.Ipc.Mapping;
using WebsocketProxy.Ipc.Native;

namespace WebsocketProxy.Ipc;

/// <summary>
/// Where the shared-memory and lease files of a user live: one directory per user,
/// <c>/dev/shm/wsproxy-&lt;uid&gt;/</c>, created with mode 0700 and checked on every open.
/// </summary>
/// <remarks>
/// The directory depends on the effective uid only, never on the environment, so every process of a user (a login
/// shell with <c>XDG_RUNTIME_DIR</c>, a cron job or a service without it) finds the same proxy. <c>/dev/shm</c> is a
/// tmpfs on every Linux system, so the rings are memory, as they must be. Its name is predictable, so another user
/// can create it first: every open then fails at once with an <see cref="UnauthorizedAccessException"/> naming the
/// path and its owner instead of waiting.
/// </remarks>
public static class IpcPaths
{
    private const int MaxNameLength = 200;

    /// <summary>The effective user id of this process (<c>geteuid</c>); 0 where the concept does not exist.</summary>
    public static int CurrentUserId { get; } = OperatingSystem.IsWindows() ? 0 : unchecked((int)LibC.GetEffectiveUserId());

    /// <summary>
    /// This user's directory: <c>/dev/shm/wsproxy-&lt;uid&gt;</c> (<c>/tmp/wsproxy-&lt;uid&gt;</c> on systems without
    /// <c>/dev/shm</c>). It may not exist yet: the first file created in it creates it with mode 0700.
    /// </summary>
    public static string RootDirectory { get; } = DirectoryFor(CurrentUserId);

    /// <summary>The full path <c>&lt;root&gt;/&lt;name&gt;</c> for the current user.</summary>
    /// <param name="name">Letters, digits, '.', '_' and '-' only; 1 to 200 characters; not starting with '.'.</param>
    /// <exception cref="ArgumentException">The name is empty, too long or contains other characters.</exception>
    public static string ForUser(string name) => ForUser(name, CurrentUserId);

    /// <summary>The full path for <paramref name="name"/> in the directory of user <paramref name="userId"/> (also used to test that users never collide).</summary>
    /// <param name="name">Letters, digits, '.', '_' and '-' only; 1 to 200 characters; not starting with '.'.</param>
    /// <param name="userId">The numeric user id the name belongs to.</param>
    public static string ForUser(string name, int userId)
    {
        Validate(name);
        return Path.Combine(DirectoryFor(userId), name);
    }

    /// <summary>
    /// Creates <see cref="RootDirectory"/> (mode 0700) when missing and checks that it is a directory (not a symbolic
    /// link) owned by this user with no group or other permission; returns its path.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">Another user took the path: the message names the path and its owner.</exception>
    /// <exception cref="IOException">The directory cannot be created.</exception>
    public static string EnsureRootDirectory()
    {
        PrivateFiles.EnsureDirectory(RootDirectory);
        return RootDirectory;
    }

    private static string DirectoryFor(int userId)
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

    private static void Validate(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > MaxNameLength)
        {
            throw new ArgumentException($"An IPC name is at most {MaxNameLength} characters; got {name.Length}.", nameof(name));
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
