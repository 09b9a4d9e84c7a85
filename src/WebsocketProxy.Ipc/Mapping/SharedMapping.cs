using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using WebsocketProxy.Ipc.Native;

namespace WebsocketProxy.Ipc.Mapping;

/// <summary>
/// A file mapped MAP_SHARED into this process, pinned at a stable address for the object's lifetime.
/// Files are created and opened through <see cref="PrivateFiles"/>: mode 0600, owned by this user, never through a link.
/// </summary>
internal sealed unsafe class SharedMapping : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly SafeMemoryMappedViewHandle _handle;
    private int _disposed;

    private SharedMapping(string path, MemoryMappedFile file, long length)
    {
        Path = path;
        _file = file;
        Length = length;
        _view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.ReadWrite);
        _handle = _view.SafeMemoryMappedViewHandle;
        byte* pointer = null;
        _handle.AcquirePointer(ref pointer);
        Pointer = pointer + _view.PointerOffset;
    }

    public string Path { get; }

    public long Length { get; }

    public byte* Pointer { get; }

    /// <summary>
    /// Creates a new zero-filled file of <paramref name="length"/> bytes, mode 0600, in a directory private to this user
    /// (<c>O_EXCL | O_NOFOLLOW</c>: fails if anything exists under the name) and maps it.
    /// </summary>
    public static SharedMapping CreateNew(string path, long length)
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

            return Map(path, handle, length);
        }
        catch
        {
            handle.Dispose();
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Maps an existing private (0600, owned by this user, not a link) file read-write; returns null when it does not exist or is empty.</summary>
    /// <exception cref="UnauthorizedAccessException">The file or its directory is not private to this user.</exception>
    public static SharedMapping? OpenExisting(string path)
    {
        var fd = PrivateFiles.Open(path, PrivateFiles.Disposition.OpenExisting, writable: true);
        if (fd < 0)
        {
            return null;
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var length = RandomAccess.GetLength(handle);
            if (length == 0)
            {
                handle.Dispose();
                return null;
            }

            return Map(path, handle, length);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static SharedMapping Map(string path, SafeFileHandle handle, long length)
    {
        var file = MemoryMappedFile.CreateFromFile(handle, null, length, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
        try
        {
            return new SharedMapping(path, file, length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _handle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
