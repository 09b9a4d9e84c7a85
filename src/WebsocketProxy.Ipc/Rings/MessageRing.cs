using WebsocketProxy.Ipc.Platform;
using WebsocketProxy.Ipc.Waiting;

namespace WebsocketProxy.Ipc;

/// <summary>
/// A single-producer single-consumer message ring in shared memory (one per direction per client).
/// Crash-safe by construction: a producer that dies mid-write never advanced the tail, so it can only wedge
/// its own ring, and every record is validated (magic, bounds, position tag, CRC-32C) so garbage in the
/// ring memory is reported as <see cref="ReadStatus.Corrupt"/> and skipped rather than handed out.
/// One process writes, one process reads; neither side is thread-safe.
/// </summary>
public sealed unsafe partial class MessageRing : IDisposable
{
    private readonly IMappedRegion _map;
    private readonly byte* _header;
    private readonly byte* _data;
    private readonly int _capacity;
    private readonly long _mask;
    private readonly EventCount _dataEvents;
    private readonly EventCount _spaceEvents;
    private readonly IWaitStrategy _strategy;
    private readonly IWaitStrategy _waker;
    private readonly EventCountWaker _dataWaker;
    private readonly EventCountWaker _spaceWaker;
    private readonly WaitSettings _settings;
    private bool _disposed;

    private MessageRing(IMappedRegion map, string path, int capacity, WaitOptions options)
    {
        _map = map;
        _header = map.Pointer;
        _data = map.Pointer + MessageRingLayout.HeaderSize;
        // The validated value, never the header again: the other side could change it after the check.
        _capacity = capacity;
        _mask = _capacity - 1;
        _dataEvents = new EventCount((int*)(_header + MessageRingLayout.DataWordOffset), (int*)(_header + MessageRingLayout.DataWaitersOffset));
        _spaceEvents = new EventCount((int*)(_header + MessageRingLayout.SpaceWordOffset), (int*)(_header + MessageRingLayout.SpaceWaitersOffset));
        _settings = options.ToSettings();
        var waiting = IpcPlatform.ForPath(path).Waiting;
        _strategy = waiting.Sleeper(map, options.WaitStrategy);
        _waker = waiting.Waker(map);
        _dataWaker = new EventCountWaker(_dataEvents, _strategy);
        _spaceWaker = new EventCountWaker(_spaceEvents, _strategy);
        Path = path;
        MaxMessageLength = MessageRingLayout.MaxMessageLength(_capacity);
    }

    /// <summary>The ring file.</summary>
    public string Path { get; }

    /// <summary>Size of the data area in bytes.</summary>
    public int Capacity => _capacity;

    /// <summary>Largest message <see cref="TryWrite"/> accepts (half the capacity less a record header).</summary>
    public int MaxMessageLength { get; }

    /// <summary>Creates a fresh, empty ring at <paramref name="path"/> (mode 0600), atomically replacing any earlier file.</summary>
    /// <param name="path">The ring file, normally from <see cref="IpcPaths.ForUser(string)"/>.</param>
    /// <param name="capacity">Data area size: a power of two from 1 KiB to 1 GiB.</param>
    /// <param name="options">How this side waits; <see cref="WaitOptions.Default"/> when null.</param>
    public static MessageRing Create(string path, int capacity, WaitOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (capacity < MessageRingLayout.MinCapacity || capacity > MessageRingLayout.MaxCapacity || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A message ring's capacity is a power of two from 1 KiB to 1 GiB.");
        }

        var map = IpcPlatform.ForPath(path).Memory.CreatePublished(path, MessageRingLayout.HeaderSize + (long)capacity, region =>
        {
            var header = region.Pointer;
            *(int*)(header + MessageRingLayout.VersionOffset) = MessageRingLayout.Version;
            *(int*)(header + MessageRingLayout.HeaderSizeOffset) = MessageRingLayout.HeaderSize;
            *(long*)(header + MessageRingLayout.CapacityOffset) = capacity;
            Volatile.Write(ref *(ulong*)(header + MessageRingLayout.MagicOffset), MessageRingLayout.Magic);
        });
        try
        {
            return new MessageRing(map, path, capacity, options ?? WaitOptions.Default);
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    /// <summary>Maps an existing ring created by the other side.</summary>
    /// <param name="path">The ring file.</param>
    /// <param name="options">How this side waits; <see cref="WaitOptions.Default"/> when null.</param>
    /// <exception cref="FileNotFoundException">No ring exists at the path.</exception>
    /// <exception cref="InvalidDataException">The file is not a message ring of a supported version.</exception>
    /// <exception cref="UnauthorizedAccessException">The file is not private to this user (mode other than 0600).</exception>
    public static MessageRing Open(string path, WaitOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var map = IpcPlatform.ForPath(path).Memory.OpenExisting(path) ?? throw new FileNotFoundException($"No message ring at '{path}'.", path);
        try
        {
            return new MessageRing(map, path, Validate(map), options ?? WaitOptions.Default);
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    /// <summary>Unmaps the ring (the file stays; whoever created it deletes it).</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _map.Dispose();
        }
    }

    /// <summary>Reads the header once, checks it against the mapping (a truncated file is refused here) and returns the capacity.</summary>
    private static int Validate(IMappedRegion map)
    {
        var header = map.Pointer;
        if (map.Length < MessageRingLayout.HeaderSize
            || Volatile.Read(ref *(ulong*)(header + MessageRingLayout.MagicOffset)) != MessageRingLayout.Magic)
        {
            throw new InvalidDataException($"'{map.Path}' is not a message ring (bad magic or too short).");
        }

        var version = *(int*)(header + MessageRingLayout.VersionOffset);
        var capacity = Volatile.Read(ref *(long*)(header + MessageRingLayout.CapacityOffset));
        if (version != MessageRingLayout.Version || *(int*)(header + MessageRingLayout.HeaderSizeOffset) != MessageRingLayout.HeaderSize)
        {
            throw new InvalidDataException($"'{map.Path}' is a message ring of version {version}; this build reads version {MessageRingLayout.Version}.");
        }

        if (capacity < MessageRingLayout.MinCapacity || capacity > MessageRingLayout.MaxCapacity || (capacity & (capacity - 1)) != 0
            || map.Length != MessageRingLayout.HeaderSize + capacity)
        {
            throw new InvalidDataException($"'{map.Path}' has an inconsistent header (capacity {capacity}, file {map.Length} bytes).");
        }

        return (int)capacity;
    }

    private void CopyIn(long position, ReadOnlySpan<byte> source)
    {
        var index = (int)(position & _mask);
        var first = Math.Min(source.Length, _capacity - index);
        source[..first].CopyTo(new Span<byte>(_data + index, first));
        source[first..].CopyTo(new Span<byte>(_data, source.Length - first));
    }

    private void CopyOut(long position, Span<byte> destination)
    {
        var index = (int)(position & _mask);
        var first = Math.Min(destination.Length, _capacity - index);
        new ReadOnlySpan<byte>(_data + index, first).CopyTo(destination);
        new ReadOnlySpan<byte>(_data, destination.Length - first).CopyTo(destination[first..]);
    }

    private long Head => Volatile.Read(ref *(long*)(_header + MessageRingLayout.HeadOffset));

    private long Tail => Volatile.Read(ref *(long*)(_header + MessageRingLayout.TailOffset));
}
