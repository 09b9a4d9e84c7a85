using System.IO.MemoryMappedFiles;

namespace WebsocketProxy.Benchmarks.Ipc;

/// <summary>
/// Harness-only flow control: each reader posts how far it got, and the benchmark writer waits when it is about to
/// lap the slowest one. This measures the highest rate sustained with zero loss; the product's writer never
/// reads reader state.
/// </summary>
internal sealed unsafe class ProgressBoard : IDisposable
{
    private const int Slot = 128;
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _pointer;

    private ProgressBoard(MemoryMappedFile file)
    {
        _file = file;
        _view = file.CreateViewAccessor();
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _pointer = pointer + _view.PointerOffset;
    }

    public static ProgressBoard Create(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.ReadWrite };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.SetLength(Slot * 64);
        }

        return Open(path);
    }

    public static ProgressBoard Open(string path) => new(MemoryMappedFile.CreateFromFile(path, FileMode.Open));

    public void Post(int reader, long next) => Volatile.Write(ref *(long*)(_pointer + (reader * Slot)), next);

    public long Slowest(int readers)
    {
        var slowest = long.MaxValue;
        for (var i = 0; i < readers; i++)
        {
            slowest = Math.Min(slowest, Volatile.Read(ref *(long*)(_pointer + (i * Slot))));
        }

        return slowest;
    }

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
