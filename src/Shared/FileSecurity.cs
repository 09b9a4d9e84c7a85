using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace WebsocketProxy.Shared;

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
    private const uint StatxGid = 0x10;
    private const int StatxSize = 256;
    private const int UidOffset = 20;
    private const int GidOffset = 24;
    private const int ModeOffset = 28;
    private const int FileTypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    /// <summary>Whether owners can be asked (statx exists: Linux).</summary>
    [SupportedOSPlatformGuard("linux")]
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>This process's effective user id; 0 where <see cref="IsSupported"/> is false.</summary>
    public static uint EffectiveUserId => IsSupported ? (uint)WebsocketProxy.Ipc.IpcPaths.CurrentUserId : 0;

    /// <summary>This process's effective group id; 0 where <see cref="IsSupported"/> is false.</summary>
    public static uint EffectiveGroupId => IsSupported ? GetEffectiveGroupId() : 0;

    /// <summary>Owner, group, permission bits and type of <paramref name="path"/> (of a link itself when <paramref name="followLinks"/> is false); null when unknown.</summary>
    public static FileStatus? Stat(string path, bool followLinks)
    {
        if (!IsSupported)
        {
            return null;
        }

        var buffer = new byte[StatxSize];
        return Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxMode | StatxUid | StatxGid, buffer) == 0 ? Decode(buffer) : null;
    }

    /// <summary>The same of the open file <paramref name="handle"/> (no race with a rename of its path).</summary>
    public static FileStatus? Stat(SafeFileHandle handle)
    {
        if (!IsSupported)
        {
            return null;
        }

        var buffer = new byte[StatxSize];
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return Statx((int)handle.DangerousGetHandle(), string.Empty, AtEmptyPath, StatxMode | StatxUid | StatxGid, buffer) == 0 ? Decode(buffer) : null;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
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

    private static FileStatus Decode(byte[] buffer)
    {
        var mode = BitConverter.ToUInt16(buffer, ModeOffset);
        return new FileStatus(BitConverter.ToUInt32(buffer, UidOffset), BitConverter.ToUInt32(buffer, GidOffset), (UnixFileMode)(mode & 0xFFF), (mode & FileTypeMask) == RegularFile);
    }

    [DllImport("libc", EntryPoint = "getegid")]
    [SupportedOSPlatform("linux")]
    private static extern uint GetEffectiveGroupId();

    // struct statx has the same layout on every Linux architecture: stx_uid at 20, stx_gid at 24, stx_mode at 28, 256 bytes in all.
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    [SupportedOSPlatform("linux")]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    [SupportedOSPlatform("linux")]
    [SupportedOSPlatform("macos")]
    private static extern IntPtr ResolvePath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    [SupportedOSPlatform("linux")]
    [SupportedOSPlatform("macos")]
    private static extern void Free(IntPtr pointer);
}
