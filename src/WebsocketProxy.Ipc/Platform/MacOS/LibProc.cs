using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace WebsocketProxy.Ipc.Platform.MacOS;

/// <summary>
/// What macOS tells about another process through libproc (part of libSystem): its user ids and the paths of the files
/// it holds open.
/// </summary>
/// <remarks>
/// Flavours and layouts from XNU's <c>bsd/sys/proc_info.h</c>: <c>PROC_PIDLISTFDS</c> (1) lists
/// <c>struct proc_fdinfo { int32_t proc_fd; uint32_t proc_fdtype; }</c> (8 bytes), <c>PROX_FDTYPE_VNODE</c> (1) marks
/// files; <c>PROC_PIDTBSDINFO</c> (3) fills <c>struct proc_bsdinfo</c> (136 bytes, <c>pbi_uid</c> at 20,
/// <c>pbi_ruid</c> at 28); <c>proc_pidfdinfo</c> with <c>PROC_PIDFDVNODEPATHINFO</c> (2) fills
/// <c>struct vnode_fdinfowithpath</c>: <c>proc_fileinfo</c> (24 bytes), <c>vnode_info</c> (<c>vinfo_stat</c> of 136 bytes,
/// two ints and an <c>fsid_t</c>: 152 bytes), then <c>vip_path[MAXPATHLEN]</c> (1024): 1200 bytes, the path at 176.
/// Built, never run: there is no macOS machine here.
/// </remarks>
[SupportedOSPlatform("macos")]
internal static unsafe partial class LibProc
{
    private const int ListFileDescriptors = 1; // PROC_PIDLISTFDS
    private const int BsdInfo = 3; // PROC_PIDTBSDINFO
    private const int VnodePathInfo = 2; // PROC_PIDFDVNODEPATHINFO
    private const uint VnodeType = 1; // PROX_FDTYPE_VNODE
    private const int BsdInfoSize = 136;
    private const int UidOffset = 20;
    private const int RealUidOffset = 28;
    private const int VnodePathInfoSize = 1200;
    private const int PathOffset = 176;
    private const int MaxPath = 1024;

    /// <summary>The effective and real uid of <paramref name="pid"/>; null when it is gone or not ours to inspect.</summary>
    public static (uint Uid, uint RealUid)? UsersOf(int pid)
    {
        var info = stackalloc byte[BsdInfoSize];
        return ProcPidInfo(pid, BsdInfo, 0, info, BsdInfoSize) == BsdInfoSize
            ? (*(uint*)(info + UidOffset), *(uint*)(info + RealUidOffset))
            : null;
    }

    /// <summary>The paths of the files <paramref name="pid"/> holds open; null when it is gone or not ours to inspect.</summary>
    public static IReadOnlyList<string>? FilesOpenBy(int pid)
    {
        // The first call sizes the list; descriptors opened meanwhile are allowed for with room to spare.
        var bytes = ProcPidInfo(pid, ListFileDescriptors, 0, null, 0);
        if (bytes <= 0)
        {
            return null;
        }

        var capacity = bytes + (64 * sizeof(long));
        var list = new byte[capacity];
        int filled;
        fixed (byte* buffer = list)
        {
            filled = ProcPidInfo(pid, ListFileDescriptors, 0, buffer, capacity);
        }

        if (filled <= 0)
        {
            return null;
        }

        var paths = new List<string>();
        var info = stackalloc byte[VnodePathInfoSize];
        for (var at = 0; at + 8 <= filled; at += 8)
        {
            var fd = BitConverter.ToInt32(list, at);
            var type = BitConverter.ToUInt32(list, at + 4);
            if (type == VnodeType && ProcPidFdInfo(pid, fd, VnodePathInfo, info, VnodePathInfoSize) == VnodePathInfoSize)
            {
                var path = new ReadOnlySpan<byte>(info + PathOffset, MaxPath);
                var end = path.IndexOf((byte)0);
                paths.Add(System.Text.Encoding.UTF8.GetString(end < 0 ? path : path[..end]));
            }
        }

        return paths;
    }

    /// <summary>The path with every link resolved (<c>realpath(3)</c>), as the kernel names open files; null when it does not exist.</summary>
    public static string? RealPath(string path)
    {
        var resolved = RealPathNative(path, null);
        if (resolved == null)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8((nint)resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    [LibraryImport(Darwin.LibSystem, EntryPoint = "proc_pidinfo", SetLastError = true)]
    private static partial int ProcPidInfo(int pid, int flavor, ulong argument, void* buffer, int bufferSize);

    [LibraryImport(Darwin.LibSystem, EntryPoint = "proc_pidfdinfo", SetLastError = true)]
    private static partial int ProcPidFdInfo(int pid, int fd, int flavor, void* buffer, int bufferSize);

    [LibraryImport(Darwin.LibSystem, EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial byte* RealPathNative(string path, byte* resolved);

    [LibraryImport(Darwin.LibSystem, EntryPoint = "free")]
    private static partial void Free(void* memory);
}
