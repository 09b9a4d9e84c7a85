using Microsoft.Win32.SafeHandles;

namespace WebsocketProxy.Client.Internal;

internal static partial class LocalToolManifest
{
    private const UnixFileMode WritableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>
    /// Why the manifest cannot be trusted, or null: it and the folders holding it must belong to this user (or to
    /// root) and be writable by nobody else, otherwise another user of the machine chose what it starts.
    /// </summary>
    private static string? Distrust(string manifest, string directory, SafeFileHandle handle)
    {
        if (OperatingSystem.IsWindows())
        {
            // No owner/mode model to check; Windows folders are per-user by default.
            return null;
        }

        if (FileSecurity.TryStat(handle, out var owner, out var mode))
        {
            if (Foreign(owner))
            {
                return $"the file belongs to another user (uid {owner}).";
            }
        }
        else
        {
            mode = File.GetUnixFileMode(handle);
        }

        if ((mode & WritableByOthers) != 0)
        {
            return $"the file can be written by other users (mode {Octal(mode)}).";
        }

        var holder = Path.GetDirectoryName(manifest)!;
        foreach (var folder in holder == directory ? (string[])[directory] : [directory, holder])
        {
            if (FileSecurity.TryStat(folder, followLinks: true, out owner, out mode))
            {
                if (Foreign(owner))
                {
                    return $"the folder {folder} belongs to another user (uid {owner}).";
                }
            }
            else
            {
                mode = File.GetUnixFileMode(folder);
            }

            if ((mode & WritableByOthers) != 0)
            {
                return $"the folder {folder} can be written by other users (mode {Octal(mode)}).";
            }
        }

        return null;
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
