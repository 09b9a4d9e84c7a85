using System.Globalization;
using Microsoft.Win32.SafeHandles;
using WebsocketProxy.Shared;

namespace WebsocketProxy.Client.Internal;

internal static partial class LocalToolManifest
{
    /// <summary>
    /// Why the manifest cannot be trusted, judged by its path, or null: the folders holding it and the file must belong
    /// to this user (or to root) and be writable by nobody else, otherwise another user of the machine chose what it
    /// starts; and it must be a regular file.
    /// </summary>
    private static string? DistrustPath(string manifest, string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            // No owner/mode model to check; Windows folders are per-user by default.
            return null;
        }

        var holder = Path.GetDirectoryName(manifest)!;
        foreach (var folder in holder == directory ? (string[])[directory] : [directory, holder])
        {
            var status = FileSecurity.Stat(folder, followLinks: true);
            if (Distrust(status, status?.Mode ?? File.GetUnixFileMode(folder)) is { } reason)
            {
                return $"the folder {folder} {reason}";
            }
        }

        var file = FileSecurity.Stat(manifest, followLinks: true);
        if (file is { IsRegularFile: false })
        {
            return "it is not a regular file.";
        }

        return Distrust(file, file?.Mode ?? File.GetUnixFileMode(manifest)) is { } fileReason ? "the file " + fileReason : null;
    }

    /// <summary>The same judgement on the open file.</summary>
    private static string? DistrustFile(SafeFileHandle handle)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var status = FileSecurity.Stat(handle);
        return Distrust(status, status?.Mode ?? File.GetUnixFileMode(handle)) is { } reason ? "the file " + reason : null;
    }

    private static string? Distrust(FileStatus? status, UnixFileMode mode)
    {
        if (status is { } known && Foreign(known.Owner))
        {
            return $"belongs to another user (uid {known.Owner}).";
        }

        if ((mode & UnixFileMode.OtherWrite) != 0)
        {
            return $"can be written by other users (mode {Octal(mode)}).";
        }

        // Group-writable is fine only when the group is this user's own (umask 002 with user private groups).
        return (mode & UnixFileMode.GroupWrite) != 0 && !(status is { } withGroup && UserPrivateGroup.IsPrivate(withGroup.Group))
            ? $"can be written by other users of its group (gid {status?.Group.ToString(CultureInfo.InvariantCulture) ?? "?"}, mode {Octal(mode)})."
            : null;
    }

    /// <summary>Whether <paramref name="path"/>, with every symlink resolved, lies inside <paramref name="folder"/> (also resolved).</summary>
    private static bool IsInside(string path, string folder)
    {
        var real = FileSecurity.RealPath(path);
        var root = FileSecurity.RealPath(folder);
        return real is not null && root is not null
            && real.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static bool Foreign(uint owner) => FileSecurity.IsSupported && owner != 0 && owner != FileSecurity.EffectiveUserId;

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
