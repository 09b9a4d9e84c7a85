using System.Globalization;
using System.Text;

namespace WebsocketProxy.Ipc.Platform.Portable;

/// <summary>
/// <c>&lt;temp&gt;/wsproxy-&lt;user&gt;-portable/</c>: <see cref="Path.GetTempPath"/> (per user on Windows and macOS;
/// <c>$TMPDIR</c> or <c>/tmp</c> on Linux) and the user name. Created 0700 where the system has modes; on every open it
/// must be a real directory (not a link) with no group or other permission. .NET cannot ask who owns it: a 0700
/// directory of another user cannot be used by this one (creating a file in it fails), so the mode check is enough to
/// keep others out, but the refusal cannot name the owner.
/// </summary>
internal sealed class PortableDirectory : IIpcNaming
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode GroupOrOther = (UnixFileMode)0x3F;

    public static PortableDirectory Instance { get; } = new(Path.Combine(Path.GetTempPath(), $"wsproxy-{Sanitize(PortableIdentity.Instance.UserKey)}-portable"));

    /// <summary>A directory at <paramref name="root"/> (tests use their own).</summary>
    internal PortableDirectory(string root)
    {
        RootDirectory = root;
    }

    public string RootDirectory { get; }

    /// <summary>Leaves room under the 255-character file-name limit of every system for the <c>.new-&lt;random&gt;</c> suffix.</summary>
    public int MaxNameLength => 200;

    public bool Holds(string path) => IpcPaths.IsDirectlyIn(path, RootDirectory);

    public void EnsureRootDirectory()
    {
        if (!Directory.Exists(RootDirectory) && !IsLink(RootDirectory))
        {
            if (OperatingSystem.IsWindows())
            {
                // %TEMP% is in the user's profile: its ACL already keeps other users out.
                Directory.CreateDirectory(RootDirectory);
            }
            else
            {
                // 0700 at creation (the umask can only remove bits); a concurrent creator is fine, the check below decides.
                Directory.CreateDirectory(RootDirectory, Private);
            }
        }

        Check(RootDirectory);
    }

    /// <summary>Refuses a directory that is a link, not a directory, or open to group or others.</summary>
    private static void Check(string directory)
    {
        var info = new DirectoryInfo(directory);
        if (info.LinkTarget is { } target)
        {
            throw Refusal(directory, $"a symbolic link to '{target}'");
        }

        if (!info.Exists)
        {
            throw Refusal(directory, File.Exists(directory) ? "a file" : "missing after creation");
        }

        if (!OperatingSystem.IsWindows() && (info.UnixFileMode & GroupOrOther) != 0)
        {
            throw Refusal(directory, string.Create(CultureInfo.InvariantCulture, $"a directory with mode {Convert.ToString((int)info.UnixFileMode, 8).PadLeft(4, '0')}"));
        }
    }

    private static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    private static UnauthorizedAccessException Refusal(string directory, string what) => new(
        $"'{directory}' is {what}, not a private directory of this user (mode 0700). Another user may have created it to block or read " +
        "this user's proxy; refusing to use it. Remove it (as its owner); the proxy recreates what it needs privately.");

    /// <summary>The user name as a file name: letters, digits, '.', '_' and '-' kept, anything else as '_'.</summary>
    private static string Sanitize(string user)
    {
        var name = new StringBuilder(user.Length);
        foreach (var c in user)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }

        return name.Length == 0 ? "user" : name.ToString();
    }
}
