using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace WebsocketProxy.Client.Internal;

/// <summary>
/// Who owns a file and who may write it, and where a path really leads: what .NET does not expose, asked of the
/// kernel directly (statx(2), realpath(3)). Linux only; elsewhere every answer is "cannot tell" and callers
/// fall back to what .NET offers.
/// </summary>
internal static class FileSecurity
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxMode = 0x2;
    private const uint StatxUid = 0x8;
    private const int StatxSize = 256;
    private const int UidOffset = 20;
    private const int ModeOffset = 28;
    private const int FileTypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    /// <summary>Whether owners can be asked (statx exists: Linux).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>This process's effective user id; 0 where <see cref="IsSupported"/> is false.</summary>
    public static uint EffectiveUserId => IsSupported ? GetEffectiveUserId() : 0;

    /// <summary>Owner and permission bits of <paramref name="path"/> (of the link itself when <paramref name="followLinks"/> is false).</summary>
    public static bool TryStat(string path, bool followLinks, out uint owner, out UnixFileMode mode) => TryStat(path, followLinks, out owner, out mode, out _);

    /// <summary>Owner, permission bits and whether it is a regular file, of <paramref name="path"/>.</summary>
    public static bool TryStat(string path, bool followLinks, out uint owner, out UnixFileMode mode, out bool isRegularFile)
    {
        owner = 0;
        mode = 0;
        isRegularFile = false;
        if (!IsSupported)
        {
            return false;
        }

        var buffer = new byte[StatxSize];
        if (Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxMode | StatxUid, buffer) != 0)
        {
            return false;
        }

        (owner, mode) = Decode(buffer);
        isRegularFile = IsRegular(buffer);
        return true;
    }

    /// <summary>Owner and permission bits of the open file <paramref name="handle"/> (no race with a rename of its path).</summary>
    public static bool TryStat(SafeFileHandle handle, out uint owner, out UnixFileMode mode) => TryStat(handle, out owner, out mode, out _);

    /// <summary>Owner, permission bits and whether it is a regular file, of the open file <paramref name="handle"/>.</summary>
    public static bool TryStat(SafeFileHandle handle, out uint owner, out UnixFileMode mode, out bool isRegularFile)
    {
        owner = 0;
        mode = 0;
        isRegularFile = false;
        if (!IsSupported)
        {
            return false;
        }

        var buffer = new byte[StatxSize];
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (Statx((int)handle.DangerousGetHandle(), string.Empty, AtEmptyPath, StatxMode | StatxUid, buffer) != 0)
            {
                return false;
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        (owner, mode) = Decode(buffer);
        isRegularFile = IsRegular(buffer);
        return true;
    }

    /// <summary>The canonical path (every symlink and <c>..</c> resolved), or null when it does not exist or cannot be resolved.</summary>
    public static string? RealPath(string path)
    {
        if (!IsSupported && !OperatingSystem.IsMacOS())
        {
            return Path.GetFullPath(path);
        }

        var resolved = ResolvePath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    private static bool IsRegular(byte[] buffer) => (BitConverter.ToUInt16(buffer, ModeOffset) & FileTypeMask) == RegularFile;

    private static (uint Owner, UnixFileMode Mode) Decode(byte[] buffer) =>
        (BitConverter.ToUInt32(buffer, UidOffset), (UnixFileMode)(BitConverter.ToUInt16(buffer, ModeOffset) & 0xFFF));

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    // struct statx has the same layout on every Linux architecture: stx_uid at 20, stx_mode at 28, 256 bytes in all.
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr ResolvePath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr pointer);
}
