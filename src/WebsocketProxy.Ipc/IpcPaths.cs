using System.Globalization;
using WebsocketProxy.Ipc.Native;

namespace WebsocketProxy.Ipc;

/// <summary>
/// Per-user locations of the shared-memory and lease files. Every name carries the effective user id,
/// so two users on one machine never open each other's files.
/// </summary>
public static class IpcPaths
{
    private const int MaxNameLength = 200;

    /// <summary>The effective user id of this process (<c>geteuid</c>); 0 where the concept does not exist.</summary>
    public static int CurrentUserId { get; } = OperatingSystem.IsWindows() ? 0 : unchecked((int)LibC.GetEffectiveUserId());

    /// <summary>
    /// <c>$XDG_RUNTIME_DIR</c> when it is set, exists and is writable (it is private to the user and
    /// survives logind's IPC clean-up rules better); otherwise <c>/dev/shm</c>; otherwise the temp directory.
    /// </summary>
    public static string RootDirectory { get; } = ResolveRoot();

    /// <summary>The full path <c>&lt;root&gt;/wsproxy-&lt;uid&gt;-&lt;name&gt;</c> for the current user.</summary>
    /// <param name="name">Letters, digits, '.', '_' and '-' only; 1 to 200 characters; not starting with '.'.</param>
    /// <exception cref="ArgumentException">The name is empty, too long or contains other characters.</exception>
    public static string ForUser(string name) => ForUser(name, CurrentUserId);

    /// <summary>The full path for <paramref name="name"/> owned by user <paramref name="userId"/> (also used to test that users never collide).</summary>
    /// <param name="name">Letters, digits, '.', '_' and '-' only; 1 to 200 characters; not starting with '.'.</param>
    /// <param name="userId">The numeric user id the name belongs to.</param>
    public static string ForUser(string name, int userId) => Path.Combine(RootDirectory, FileName(name, userId));

    /// <summary>The bare file name <c>wsproxy-&lt;uid&gt;-&lt;name&gt;</c>.</summary>
    /// <param name="name">See <see cref="ForUser(string)"/>.</param>
    /// <param name="userId">The numeric user id the name belongs to.</param>
    public static string FileName(string name, int userId)
    {
        Validate(name);
        ArgumentOutOfRangeException.ThrowIfNegative(userId);
        return string.Create(CultureInfo.InvariantCulture, $"wsproxy-{userId}-{name}");
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

    private static string ResolveRoot()
    {
        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        if (!string.IsNullOrEmpty(runtime) && Path.IsPathRooted(runtime) && IsWritableDirectory(runtime))
        {
            return runtime;
        }

        return IsWritableDirectory("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
    }

    private static bool IsWritableDirectory(string path) =>
        Directory.Exists(path) && (OperatingSystem.IsWindows() || LibC.Access(path, LibC.AccessWrite) == 0);
}
