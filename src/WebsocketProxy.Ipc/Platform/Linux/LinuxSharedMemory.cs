using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace WebsocketProxy.Ipc.Platform.Linux;

/// <summary>
/// Regions are files of the private directory (<see cref="PrivateFiles"/>: 0600, owned by this user, never through a
/// link), built under a temporary <c>.new-&lt;random&gt;</c> name with <c>O_EXCL</c> and renamed into place.
/// </summary>
[SupportedOSPlatform("linux")]
[SupportedOSPlatform("macos")]
[SupportedOSPlatform("freebsd")]
internal sealed class LinuxSharedMemory : ISharedMemory
{
    public static LinuxSharedMemory Instance { get; } = new();

    private LinuxSharedMemory()
    {
    }

    public IMappedRegion CreatePublished(string path, long length, Action<IMappedRegion> initialize)
    {
        var temporary = $"{path}.new-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        var map = CreateNew(temporary, length);
        try
        {
            initialize(map);
            File.Move(temporary, path, overwrite: true);
            map.Path = path;
            return map;
        }
        catch
        {
            map.Dispose();
            File.Delete(temporary);
            throw;
        }
    }

    public IMappedRegion? OpenExisting(string path)
    {
        var fd = PrivateFiles.Open(path, PrivateFiles.Disposition.OpenExisting, writable: true);
        if (fd < 0)
        {
            return null;
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        long length;
        try
        {
            length = RandomAccess.GetLength(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        if (length == 0)
        {
            handle.Dispose();
            return null;
        }

        return MappedFile.Map(path, handle, length);
    }

    /// <summary>A new zero-filled file of <paramref name="length"/> bytes, mode 0600 (<c>O_EXCL | O_NOFOLLOW</c>), mapped.</summary>
    internal static MappedFile CreateNew(string path, long length)
    {
        var handle = new SafeFileHandle(PrivateFiles.Open(path, PrivateFiles.Disposition.CreateNew, writable: true), ownsHandle: true);
        try
        {
            // Reserve the pages now: on a full tmpfs this fails here with an IOException instead of killing a
            // process with SIGBUS on its first write into a hole of the mapping.
            var error = OperatingSystem.IsLinux() ? LibC.PosixFallocate((int)handle.DangerousGetHandle(), 0, length) : 0;
            if (!OperatingSystem.IsLinux())
            {
                RandomAccess.SetLength(handle, length);
            }

            if (error != 0)
            {
                throw new IOException($"Cannot reserve {length} bytes for '{path}' (errno {error}: {Marshal.GetPInvokeErrorMessage(error)}).");
            }

            return MappedFile.Map(path, handle, length);
        }
        catch
        {
            handle.Dispose();
            File.Delete(path);
            throw;
        }
    }
}
