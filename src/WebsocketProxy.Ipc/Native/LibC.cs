using System.Runtime.InteropServices;

namespace WebsocketProxy.Ipc.Native;

/// <summary>
/// The few libc entry points the transport needs. Only integer and pointer arguments are passed,
/// so calling the variadic <c>open</c> and <c>syscall</c> through fixed prototypes is safe on the
/// System V x86-64 and AAPCS64 (Linux) calling conventions.
/// </summary>
internal static unsafe partial class LibC
{
    private const string Library = "libc";

    internal const int LockShared = 1;
    internal const int LockExclusive = 2;
    internal const int LockNonBlocking = 4;
    internal const int LockUnlock = 8;

    internal const int AccessWrite = 2;

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

    [LibraryImport(Library, EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Access(string path, int mode);

    [LibraryImport(Library, EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    /// <summary><c>O_RDWR | O_CREAT | O_CLOEXEC</c> for the running OS (the values differ between Linux and macOS).</summary>
    internal static int OpenReadWriteCreate =>
        OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() || OperatingSystem.IsFreeBSD()
            ? 0x2 | 0x200 | 0x1000000
            : 0x2 | 0x40 | 0x80000;

    /// <summary><c>O_RDONLY | O_CLOEXEC</c> for the running OS.</summary>
    internal static int OpenReadOnly =>
        OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() || OperatingSystem.IsFreeBSD() ? 0x1000000 : 0x80000;

    /// <summary>The kernel's <c>struct timespec</c> on 64-bit targets.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
