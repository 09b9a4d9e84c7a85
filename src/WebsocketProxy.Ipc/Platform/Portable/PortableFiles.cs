namespace WebsocketProxy.Ipc.Platform.Portable;

/// <summary>
/// Opening files of the private directory with .NET alone: the directory is checked first
/// (<see cref="PortableDirectory.EnsureRootDirectory"/>), new files are created exclusively with mode 0600, and an
/// existing file must not be a link nor open to group or others.
/// </summary>
internal static class PortableFiles
{
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther = (UnixFileMode)0x3F;

    /// <summary>Opens <paramref name="path"/>; null when it does not exist and <paramref name="mode"/> is <see cref="FileMode.Open"/>.</summary>
    /// <exception cref="UnauthorizedAccessException">The directory or file is not private to this user.</exception>
    /// <exception cref="IOException">The file is in use (<see cref="IsSharingViolation"/>) or cannot be opened.</exception>
    public static FileStream? Open(string path, FileMode mode, FileAccess access, FileShare share, long preallocationSize = 0) =>
        Open(PortableDirectory.Instance, path, mode, access, share, preallocationSize);

    /// <summary>As <see cref="Open(string, FileMode, FileAccess, FileShare, long)"/>, in <paramref name="directory"/>.</summary>
    internal static FileStream? Open(PortableDirectory directory, string path, FileMode mode, FileAccess access, FileShare share, long preallocationSize = 0)
    {
        if (!directory.Holds(path))
        {
            throw new ArgumentException($"'{path}' is not in the portable IPC directory '{directory.RootDirectory}'.", nameof(path));
        }

        if (mode == FileMode.Open && !Directory.Exists(directory.RootDirectory) && !File.Exists(directory.RootDirectory))
        {
            return null;
        }

        directory.EnsureRootDirectory();
        if (new FileInfo(path).LinkTarget is { } target)
        {
            throw new UnauthorizedAccessException($"'{path}' is a symbolic link to '{target}'; refusing to follow it.");
        }

        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = 0, PreallocationSize = preallocationSize };
        if (!OperatingSystem.IsWindows() && mode != FileMode.Open)
        {
            // Given to open(2): a new file is private from its first moment, so nobody ever sees it open to others.
            options.UnixCreateMode = PrivateFile;
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, options);
        }
        catch (FileNotFoundException) when (mode == FileMode.Open)
        {
            return null;
        }

        if (!OperatingSystem.IsWindows() && File.GetUnixFileMode(stream.SafeFileHandle) is var found && (found & GroupOrOther) != 0)
        {
            stream.Dispose();
            throw new UnauthorizedAccessException(
                $"'{path}' has mode {Convert.ToString((int)found, 8).PadLeft(4, '0')}; refusing a shared-memory file that is not private (0600).");
        }

        return stream;
    }

    /// <summary>
    /// Whether opening failed because another process holds the file (Windows sharing violation; on Unix .NET emulates
    /// <see cref="FileShare"/> with <c>flock</c>, and a held lock fails with EWOULDBLOCK).
    /// </summary>
    public static bool IsSharingViolation(IOException exception) =>
        exception.GetType() == typeof(IOException)
        && exception.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);
}
