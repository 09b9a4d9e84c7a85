using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace WebsocketProxy.Ipc.Platform.Linux;

/// <summary>
/// Opens files only inside a directory private to this user, so another user can neither read them nor block the
/// proxy by planting files, directories or symbolic links under its predictable names.
/// </summary>
/// <remarks>
/// Every open re-checks the directory (opened with <c>O_NOFOLLOW | O_DIRECTORY</c>: a real directory owned by the
/// effective uid with no group or other permission; created with mode 0700 when missing), then opens the file relative
/// to that directory descriptor with <c>O_NOFOLLOW</c> (and <c>O_EXCL</c> for new files) and checks the open file the
/// same way (a regular file owned by the effective uid, no group or other bits). Owners are checked with statx(2), so
/// on Linux only; elsewhere only the open flags and modes protect.
/// </remarks>
[SupportedOSPlatform("linux")]
[SupportedOSPlatform("macos")]
[SupportedOSPlatform("freebsd")]
internal static unsafe class PrivateFiles
{
    private const uint FileMode = 0x180; // 0600
    private const uint DirectoryMode = 0x1C0; // 0700
    private const int GroupOrOther = 0x3F; // 0077
    private const int TypeMask = 0xF000;
    private const int TypeDirectory = 0x4000;
    private const int TypeRegular = 0x8000;
    private const int TypeSymbolicLink = 0xA000;
    private const int CurrentDirectory = -100; // AT_FDCWD
    private const int EmptyPath = 0x1000; // AT_EMPTY_PATH
    private const int SymbolicLinkNoFollow = 0x100; // AT_SYMLINK_NOFOLLOW
    private const uint BasicStats = 0x7FF; // STATX_BASIC_STATS

    internal enum Disposition
    {
        /// <summary>Open a file that exists; report a missing file (or directory) as -1.</summary>
        OpenExisting,

        /// <summary>Open the file, creating it (mode 0600) when missing.</summary>
        OpenOrCreate,

        /// <summary>Create the file (mode 0600); fail if anything exists under its name.</summary>
        CreateNew,
    }

    /// <summary>Opens <paramref name="path"/> close-on-exec and checks it; -1 when it does not exist and <paramref name="disposition"/> is <see cref="Disposition.OpenExisting"/>.</summary>
    /// <exception cref="UnauthorizedAccessException">The directory or the file is not private to this user, or is a symbolic link.</exception>
    /// <exception cref="IOException">Any other failure (the file exists for <see cref="Disposition.CreateNew"/>, no space, ...).</exception>
    public static int Open(string path, Disposition disposition, bool writable)
    {
        var directory = Path.GetDirectoryName(path);
        var name = Path.GetFileName(path);
        if (string.IsNullOrEmpty(directory) || string.IsNullOrEmpty(name))
        {
            throw new ArgumentException($"'{path}' is not the path of a file in a directory.", nameof(path));
        }

        var directoryFd = OpenDirectory(directory, create: disposition != Disposition.OpenExisting);
        if (directoryFd < 0)
        {
            return -1;
        }

        try
        {
            var flags = (writable ? ReadWrite : 0) | NoFollow | CloseOnExec
                | (disposition == Disposition.OpenExisting ? 0 : Create)
                | (disposition == Disposition.CreateNew ? Exclusive : 0);
            int fd;
            do
            {
                fd = LibC.OpenAt(directoryFd, name, flags, FileMode);
            }
            while (fd < 0 && Marshal.GetLastPInvokeError() == LibC.ErrorInterrupted);

            if (fd < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == NoSuchFile && disposition == Disposition.OpenExisting)
                {
                    return -1;
                }

                if (errno == TooManyLinks || errno == PermissionDenied)
                {
                    throw Refusal(path, Describe(directoryFd, name), "a regular file owned by " + UserName(Effective) + " with mode 0600");
                }

                throw errno == AlreadyExists
                    ? new IOException($"'{path}' already exists.")
                    : new IOException($"Cannot open '{path}' ({Error(errno)}).");
            }

            try
            {
                // Apple's arm64 convention passes variadic arguments on the stack, so openat's mode (passed here as a
                // fixed argument, in a register) is not what a new file gets there: set it now, before the check, while
                // the 0700 directory keeps everyone else out.
                if (OperatingSystem.IsMacOS() && disposition != Disposition.OpenExisting && LibC.Fchmod(fd, FileMode) != 0)
                {
                    throw new IOException($"Cannot make '{path}' private ({Error(Marshal.GetLastPInvokeError())}).");
                }

                CheckFile(fd, path);
            }
            catch
            {
                _ = LibC.Close(fd);
                throw;
            }

            return fd;
        }
        finally
        {
            _ = LibC.Close(directoryFd);
        }
    }

    /// <summary>Creates <paramref name="directory"/> (mode 0700) if missing and checks that it is private to this user.</summary>
    /// <exception cref="UnauthorizedAccessException">It is a symbolic link, not a directory, owned by another user, or open to others.</exception>
    public static void EnsureDirectory(string directory) => _ = LibC.Close(OpenDirectory(directory, create: true));

    /// <summary>Whether <paramref name="fd"/> still names the file at <paramref name="path"/> (it was not deleted or replaced since it was opened).</summary>
    public static bool StillNamed(int fd, string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        return TryStat(fd, string.Empty, EmptyPath, out var open)
            && TryStat(CurrentDirectory, path, SymbolicLinkNoFollow, out var named)
            && open.Inode == named.Inode && open.DeviceMajor == named.DeviceMajor && open.DeviceMinor == named.DeviceMinor;
    }

    /// <summary>The user name and id of <paramref name="userId"/>, for messages: "1001 (mallory)".</summary>
    public static string UserName(uint userId)
    {
        string? name = null;
        try
        {
            var entry = LibC.GetPasswordEntry(userId);
            name = entry == 0 ? null : Marshal.PtrToStringUTF8(*(nint*)entry);
        }
        catch (EntryPointNotFoundException)
        {
        }

        return name is null
            ? string.Create(CultureInfo.InvariantCulture, $"uid {userId}")
            : string.Create(CultureInfo.InvariantCulture, $"uid {userId} ({name})");
    }

    private static int OpenDirectory(string directory, bool create)
    {
        for (var attempt = 0; ; attempt++)
        {
            var fd = LibC.Open(directory, NoFollow | DirectoryOnly | CloseOnExec, 0);
            if (fd >= 0)
            {
                try
                {
                    if (TryStat(fd, string.Empty, EmptyPath, out var stat)
                        && ((stat.Mode & TypeMask) != TypeDirectory || stat.UserId != Effective || (stat.Mode & GroupOrOther) != 0))
                    {
                        throw Refusal(directory, stat, PrivateDirectoryWanted);
                    }
                }
                catch
                {
                    _ = LibC.Close(fd);
                    throw;
                }

                return fd;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.ErrorInterrupted)
            {
                continue;
            }

            if (errno == NoSuchFile && !create)
            {
                return -1;
            }

            if (errno == NoSuchFile && attempt < 3)
            {
                // Created 0700 (the umask can only remove bits); a concurrent creator is fine, the next open checks it.
                if (LibC.MakeDirectory(directory, DirectoryMode) != 0 && Marshal.GetLastPInvokeError() is var made && made != AlreadyExists)
                {
                    throw new IOException($"Cannot create the shared-memory directory '{directory}' ({Error(made)}).");
                }

                continue;
            }

            if (errno == TooManyLinks || errno == NotADirectory || errno == PermissionDenied)
            {
                throw Refusal(directory, Describe(CurrentDirectory, directory), PrivateDirectoryWanted);
            }

            throw new IOException($"Cannot open the shared-memory directory '{directory}' ({Error(errno)}).");
        }
    }

    private static void CheckFile(int fd, string path)
    {
        if (TryStat(fd, string.Empty, EmptyPath, out var stat))
        {
            if ((stat.Mode & TypeMask) != TypeRegular || stat.UserId != Effective || (stat.Mode & GroupOrOther) != 0)
            {
                throw Refusal(path, stat, "a regular file owned by " + UserName(Effective) + " with mode 0600");
            }
        }
        else if (!OperatingSystem.IsWindows())
        {
            using var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: false);
            if (((int)File.GetUnixFileMode(handle) & GroupOrOther) != 0)
            {
                throw new UnauthorizedAccessException($"'{path}' has mode {File.GetUnixFileMode(handle)}; refusing a shared-memory file that is not private (0600).");
            }
        }
    }

    private static LibC.StatxBuffer? Describe(int directoryFd, string path) =>
        TryStat(directoryFd, path, SymbolicLinkNoFollow, out var stat) ? stat : null;

    private static UnauthorizedAccessException Refusal(string path, LibC.StatxBuffer? stat, string wanted)
    {
        var what = stat is not { } s
            ? "not accessible"
            : string.Create(CultureInfo.InvariantCulture, $"{Kind(s.Mode)} owned by {UserName(s.UserId)} with mode {Convert.ToString(s.Mode & 0xFFF, 8).PadLeft(4, '0')}");
        return new UnauthorizedAccessException(
            $"'{path}' is {what}, not {wanted}. Another user may have created it to block or read this user's proxy; refusing to use it. " +
            "Remove it (as its owner or root); the proxy recreates what it needs privately.");
    }

    private static string Kind(int mode) => (mode & TypeMask) switch
    {
        TypeDirectory => "a directory",
        TypeRegular => "a regular file",
        TypeSymbolicLink => "a symbolic link",
        _ => "a special file",
    };

    private static string PrivateDirectoryWanted => "a directory owned by " + UserName(Effective) + " with mode 0700";

    private static bool TryStat(int directoryFd, string path, int flags, out LibC.StatxBuffer stat)
    {
        stat = default;
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        fixed (LibC.StatxBuffer* buffer = &stat)
        {
            try
            {
                return LibC.Statx(directoryFd, path, flags, BasicStats, buffer) == 0;
            }
            catch (EntryPointNotFoundException)
            {
                var number = RuntimeInformation.ProcessArchitecture switch
                {
                    Architecture.X64 => 332L,
                    Architecture.Arm64 or Architecture.LoongArch64 or Architecture.RiscV64 => 291L,
                    _ => throw new PlatformNotSupportedException("statx(2) is needed to check file owners."),
                };
                return LibC.StatxSyscall(number, directoryFd, path, flags, BasicStats, buffer) == 0;
            }
        }
    }

    private static string Error(int errno) => string.Create(CultureInfo.InvariantCulture, $"errno {errno}: {Marshal.GetPInvokeErrorMessage(errno)}");

    private static uint Effective => (uint)LinuxIdentity.EffectiveUserId;

    private static bool IsBsd => OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() || OperatingSystem.IsFreeBSD();

    private static bool IsArm => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;

    private static int ReadWrite => 0x2;

    private static int Create => IsBsd ? 0x200 : 0x40;

    private static int Exclusive => IsBsd ? 0x800 : 0x80;

    private static int CloseOnExec => IsBsd ? 0x1000000 : 0x80000;

    private static int NoFollow => IsBsd ? 0x100 : IsArm ? 0x8000 : 0x20000;

    private static int DirectoryOnly => IsBsd ? 0x100000 : IsArm ? 0x4000 : 0x10000;

    private const int NoSuchFile = 2;
    private const int PermissionDenied = 13;
    private const int AlreadyExists = 17;
    private const int NotADirectory = 20;

    private static int TooManyLinks => IsBsd ? 62 : 40;
}
