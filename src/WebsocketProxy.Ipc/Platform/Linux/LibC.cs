using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace WebsocketProxy.Ipc.Platform.Linux;

/// <summary>
/// The few libc entry points the transport needs. Only integer and pointer arguments are passed,
/// so calling the variadic <c>open</c> and <c>syscall</c> through fixed prototypes is safe on the
/// System V x86-64 and AAPCS64 (Linux) calling conventions. Not on Apple arm64, whose variadic arguments go on the
/// stack: there a mode given to <c>open</c>/<c>openat</c> is not what a new file gets, and callers set it with
/// <c>fchmod</c> (<see cref="PrivateFiles"/>).
/// </summary>
[SupportedOSPlatform("linux")]
[SupportedOSPlatform("macos")]
[SupportedOSPlatform("freebsd")]
internal static unsafe partial class LibC
{
    private const string Library = "libc";

    internal const int LockShared = 1;
    internal const int LockExclusive = 2;
    internal const int LockNonBlocking = 4;
    internal const int LockUnlock = 8;

    internal const int ErrorInterrupted = 4;

    [LibraryImport(Library, EntryPoint = "geteuid")]
    internal static partial uint GetEffectiveUserId();

    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    internal static partial long Futex(long number, int* address, int operation, int value, Timespec* timeout, int* address2, int value3);

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags, uint mode);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(int fd, int operation);

    [LibraryImport(Library, EntryPoint = "fchmod", SetLastError = true)]
    internal static partial int Fchmod(int fd, uint mode);

    [LibraryImport(Library, EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int OpenAt(int directoryFd, string name, int flags, uint mode);

    [LibraryImport(Library, EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MakeDirectory(string path, uint mode);

    /// <summary><c>statx(2)</c> (Linux 4.11+, glibc 2.28+): unlike <c>struct stat</c>, its layout is the same on every architecture.</summary>
    [LibraryImport(Library, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Statx(int directoryFd, string path, int flags, uint mask, StatxBuffer* buffer);

    /// <summary>statx(2) through <c>syscall</c>, for C libraries older than the <c>statx</c> wrapper (glibc 2.28, musl 1.2.5).</summary>
    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial long StatxSyscall(long number, int directoryFd, string path, int flags, uint mask, StatxBuffer* buffer);

    /// <summary>Returns an error number (not -1 and errno).</summary>
    [LibraryImport(Library, EntryPoint = "posix_fallocate")]
    internal static partial int PosixFallocate(int fd, long offset, long length);

    /// <summary>Returns a pointer to a static <c>struct passwd</c> whose first field is the name, or null.</summary>
    [LibraryImport(Library, EntryPoint = "getpwuid")]
    internal static partial nint GetPasswordEntry(uint userId);

    [LibraryImport(Library, EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    /// <summary>The first fields of the kernel's <c>struct statx</c> (256 bytes in all).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    internal struct StatxBuffer
    {
        [FieldOffset(20)]
        public uint UserId;

        [FieldOffset(28)]
        public ushort Mode;

        [FieldOffset(32)]
        public ulong Inode;

        [FieldOffset(136)]
        public uint DeviceMajor;

        [FieldOffset(140)]
        public uint DeviceMinor;
    }

    /// <summary>The kernel's <c>struct timespec</c> on 64-bit targets.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
