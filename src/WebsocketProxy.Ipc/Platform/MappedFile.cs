using System.IO.MemoryMappedFiles;
using Microsoft.Win32.SafeHandles;

namespace WebsocketProxy.Ipc.Platform;

/// <summary>
/// A file mapped shared (MAP_SHARED) into this process, pinned at a stable address for the object's lifetime. The
/// back-end opens and checks the file; this maps exactly the handle it checked, so the file mapped is the file checked.
/// </summary>
internal sealed unsafe class MappedFile : IMappedRegion
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly SafeMemoryMappedViewHandle _handle;
    private int _disposed;

    private MappedFile(string path, MemoryMappedFile file, long length)
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

    /// <summary>The file's name; a back-end that renames the file into place after mapping it updates it.</summary>
    public string Path { get; set; }

    public long Length { get; }

    public byte* Pointer { get; }

    /// <summary>Maps <paramref name="length"/> bytes of <paramref name="handle"/>, taking ownership of the handle (also on failure).</summary>
    public static MappedFile Map(string path, SafeFileHandle handle, long length) =>
        Map(path, handle, length, static (handle, length) => MemoryMappedFile.CreateFromFile(handle, null, length, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false));

    /// <summary>Maps <paramref name="length"/> bytes of <paramref name="stream"/>, taking ownership of it (also on failure).</summary>
    public static MappedFile Map(string path, FileStream stream, long length) =>
        Map(path, stream, length, static (stream, length) => MemoryMappedFile.CreateFromFile(stream, null, length, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false));

    private static MappedFile Map<TFile>(string path, TFile owned, long length, Func<TFile, long, MemoryMappedFile> create)
        where TFile : IDisposable
    {
        MemoryMappedFile file;
        try
        {
            file = create(owned, length);
        }
        catch
        {
            owned.Dispose();
            throw;
        }

        try
        {
            return new MappedFile(path, file, length);
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
