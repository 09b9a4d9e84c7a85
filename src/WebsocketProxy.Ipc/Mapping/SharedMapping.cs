using System.IO.MemoryMappedFiles;
using Microsoft.Win32.SafeHandles;

namespace WebsocketProxy.Ipc.Mapping;

/// <summary>
/// A file mapped MAP_SHARED into this process, pinned at a stable address for the object's lifetime.
/// Files are created with mode 0600 before any byte is written, and the mode is verified.
/// </summary>
internal sealed unsafe class SharedMapping : IDisposable
{
    private const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

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

    /// <summary>Creates a new zero-filled file of <paramref name="length"/> bytes (fails if it exists) and maps it.</summary>
    public static SharedMapping CreateNew(string path, long length)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.ReadWrite | FileShare.Delete,
            // Reserve the pages now: on a full tmpfs this fails here with an IOException instead of killing a
            // process with SIGBUS on its first write into a hole of the mapping.
            PreallocationSize = length,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateMode;
        }

        var stream = new FileStream(path, options);
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                // The umask can only remove bits, but a pre-set ACL or odd file system could differ: verify.
                File.SetUnixFileMode(stream.SafeFileHandle, PrivateMode);
                var mode = File.GetUnixFileMode(stream.SafeFileHandle);
                if (mode != PrivateMode)
                {
                    throw new IOException($"'{path}' has mode {mode} instead of 0600; refusing to use it for shared memory.");
                }
            }

            stream.SetLength(length);
            var file = MemoryMappedFile.CreateFromFile(stream, null, length, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
            return new SharedMapping(path, file, length);
        }
        catch
        {
            stream.Dispose();
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Maps an existing private (0600) file read-write; returns null when it does not exist.</summary>
    public static SharedMapping? OpenExisting(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        try
        {
            // Another user could have planted a readable or writable file under our name: only a 0600 file we
            // could open read-write is ours.
            if (!OperatingSystem.IsWindows() && File.GetUnixFileMode(stream.SafeFileHandle) != PrivateMode)
            {
                throw new UnauthorizedAccessException(
                    $"'{path}' has mode {File.GetUnixFileMode(stream.SafeFileHandle)} instead of 0600; refusing to map a file that is not private.");
            }

            var length = stream.Length;
            if (length == 0)
            {
                stream.Dispose();
                return null;
            }

            var file = MemoryMappedFile.CreateFromFile(stream, null, length, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
            return new SharedMapping(path, file, length);
        }
        catch
        {
            stream.Dispose();
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
