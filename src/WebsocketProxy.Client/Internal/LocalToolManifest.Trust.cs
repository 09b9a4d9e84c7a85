using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace WebsocketProxy.Client.Internal;

internal static partial class LocalToolManifest
{
    private const UnixFileMode WritableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

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
            if (Distrust(folder, FileSecurity.TryStat(folder, followLinks: true, out var owner, out var mode), owner, mode) is { } reason)
            {
                return $"the folder {folder} {reason}";
            }
        }

        var known = FileSecurity.TryStat(manifest, followLinks: true, out var fileOwner, out var fileMode, out var regular);
        if (known && !regular)
        {
            return "it is not a regular file.";
        }

        return Distrust(manifest, known, fileOwner, fileMode) is { } fileReason ? "the file " + fileReason : null;
    }

    /// <summary>The same judgement on the open file.</summary>
    private static string? DistrustFile(SafeFileHandle handle)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        if (!FileSecurity.TryStat(handle, out var owner, out var mode))
        {
            (owner, mode) = (0, File.GetUnixFileMode(handle));
        }

        return Foreign(owner) ? $"the file belongs to another user (uid {owner})."
            : (mode & WritableByOthers) != 0 ? $"the file can be written by other users (mode {Octal(mode)})."
            : null;
    }

    [UnsupportedOSPlatform("windows")]
    private static string? Distrust(string path, bool known, uint owner, UnixFileMode mode)
    {
        if (!known)
        {
            (owner, mode) = (0, File.GetUnixFileMode(path));
        }

        return Foreign(owner) ? $"belongs to another user (uid {owner})."
            : (mode & WritableByOthers) != 0 ? $"can be written by other users (mode {Octal(mode)})."
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
