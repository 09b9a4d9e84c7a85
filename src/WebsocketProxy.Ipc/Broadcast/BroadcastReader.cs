using WebsocketProxy.Ipc.Platform;
using WebsocketProxy.Ipc.Waiting;

namespace WebsocketProxy.Ipc;

/// <summary>
/// One reader of a broadcast ring, with a private cursor. It never writes anything the writer reads.
/// For a reader, <c>Received + Lost</c> equals the messages published since it joined (per epoch).
/// Not thread-safe: read from one thread.
/// </summary>
public sealed unsafe partial class BroadcastReader : IDisposable
{
    private readonly string _path;
    private readonly WaitSettings _settings;
    private readonly IpcPlatform _platform;
    private readonly WaitStrategyKind _waitStrategy;
    private IMappedRegion _map;
    private byte* _header;
    private byte* _data;
    private long _capacity;
    private long _mask;
    private int _maxRecordPayload;
    private int _maxMessageLength;
    private long _commitMask;
    private EventCountWaker _waker = null!;
    private long _cursor;
    private long _nextSequence;
    private long _received;
    private long _lost;
    private bool _restarted;
    private long _stalledAt = -1;
    private (long Position, long Sequence) _stalledTail;
    private (long Position, long Sequence) _reportedAtTail = (-1, -1);
    private bool _disposed;

    private BroadcastReader(string path, IMappedRegion map, BroadcastGeometry geometry, WaitOptions options)
    {
        _path = path;
        _settings = options.ToSettings();
        _platform = IpcPlatform.ForPath(path);
        _waitStrategy = options.WaitStrategy;
        _map = map;
        Attach(map, geometry, JoinPosition(map, geometry));
    }

    /// <summary>Random identity of the writer start this reader is attached to.</summary>
    public long Epoch { get; private set; }

    /// <summary>Messages handed out since this reader was opened.</summary>
    public long Received => _received;

    /// <summary>Messages this reader was overrun on (counted exactly from sequence numbers).</summary>
    public long Lost => _lost;

    /// <summary>Why the last <see cref="ReadStatus.Corrupt"/> result was returned (a malformed record that no lap explains), or null.</summary>
    public string? LastCorruption { get; private set; }

    /// <summary>The sequence of the next message this reader expects.</summary>
    public long NextSequence => _nextSequence;

    /// <summary>The sequence this reader joined at (the live tail when opened or re-attached).</summary>
    public long JoinedAtSequence { get; private set; }

    /// <summary>Messages the writer has completed so far (read from the ring's header).</summary>
    public long WriterPublished => ReadTail(_header).Sequence;

    /// <summary>When the writer last called <see cref="BroadcastWriter.Heartbeat"/> (its start time if it never did).</summary>
    public DateTimeOffset WriterHeartbeat =>
        DateTimeOffset.FromUnixTimeMilliseconds(Volatile.Read(ref *(long*)(_header + BroadcastLayout.HeartbeatOffset)));

    /// <summary>True while the writer has not closed the ring and still holds its lease (a probe costs a few syscalls).</summary>
    public bool IsWriterAlive =>
        Volatile.Read(ref *(int*)(_header + BroadcastLayout.StateOffset)) == BroadcastLayout.StateLive
        && Lease.IsHeld(BroadcastWriter.LeasePath(_path));

    /// <summary>Opens the ring at <paramref name="path"/> and joins at its live tail.</summary>
    /// <param name="path">The ring file the writer created.</param>
    /// <param name="options">How to wait; <see cref="WaitOptions.Default"/> when null.</param>
    /// <exception cref="FileNotFoundException">No ring exists at the path (is the writer running?).</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a broadcast ring of a supported version, is shorter than its header says, or its header is damaged.
    /// </exception>
    /// <exception cref="UnauthorizedAccessException">The file is not private to this user (mode other than 0600).</exception>
    public static BroadcastReader Open(string path, WaitOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var (map, geometry) = MapValidated(path);
        try
        {
            return new BroadcastReader(path, map, geometry, options ?? WaitOptions.Default);
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    /// <summary>
    /// After <see cref="ReadStatus.WriterRestarted"/>: maps the writer's new ring and joins at its live tail.
    /// Counters keep accumulating; sequences restart with the new epoch.
    /// </summary>
    /// <returns>True when a different ring (new epoch) was attached; false if the file still holds the same ring.</returns>
    /// <exception cref="InvalidDataException">The new ring's header is damaged; this reader stays on the old ring.</exception>
    public bool Reattach()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var (map, geometry) = MapValidated(_path);
        (long Position, long Sequence) join;
        try
        {
            if (geometry.Epoch == Epoch)
            {
                map.Dispose();
                return false;
            }

            join = JoinPosition(map, geometry);
        }
        catch
        {
            map.Dispose();
            throw;
        }

        var old = _map;
        _map = map;
        Attach(map, geometry, join);
        old.Dispose();
        return true;
    }

    /// <summary>Waits until <see cref="TryRead"/> has something to report: spins briefly, then sleeps until the writer's <see cref="BroadcastWriter.Flush"/>.</summary>
    /// <param name="timeout">Longest wait.</param>
    /// <param name="cancellationToken">Cancels the wait (wakes this reader promptly).</param>
    /// <returns>True when data (or a loss or restart) is ready; false on timeout.</returns>
    public bool WaitForData(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return WaitLoop.Wait(_waker, _settings, this, static r => r.HasData(), timeout, cancellationToken);
    }

    /// <summary>Unmaps the ring.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _map.Dispose();
        }
    }

    private static (IMappedRegion Map, BroadcastGeometry Geometry) MapValidated(string path)
    {
        var map = IpcPlatform.ForPath(path).Memory.OpenExisting(path)
            ?? throw new FileNotFoundException($"No broadcast ring at '{path}': is the writer running?", path);
        try
        {
            return (map, BroadcastHeaderValidator.Validate(map));
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    /// <summary>The live tail of a freshly validated ring, or an <see cref="InvalidDataException"/> when its header holds none.</summary>
    private static (long Position, long Sequence) JoinPosition(IMappedRegion map, BroadcastGeometry geometry) =>
        TryReadValidTail(map.Pointer, geometry.Capacity, out var tail, out var why)
            ? tail
            : throw new InvalidDataException($"'{map.Path}' has a damaged header: {why}.");

    /// <summary>Takes the layout only from <paramref name="geometry"/> (read once), never from the header again.</summary>
    private void Attach(IMappedRegion map, BroadcastGeometry geometry, (long Position, long Sequence) join)
    {
        _header = map.Pointer;
        _data = map.Pointer + BroadcastLayout.HeaderSize;
        _capacity = geometry.Capacity;
        _mask = _capacity - 1;
        _maxRecordPayload = geometry.MaxRecordPayload;
        _maxMessageLength = (int)(_capacity / 4);
        Epoch = geometry.Epoch;
        _commitMask = BroadcastLayout.CommitMask(Epoch);
        _waker = new EventCountWaker(new EventCount((int*)(_header + BroadcastLayout.FutexWordOffset), (int*)(_header + BroadcastLayout.WaitersOffset)), _platform.Waiting.Sleeper(map, _waitStrategy));
        _cursor = join.Position;
        _nextSequence = join.Sequence;
        JoinedAtSequence = join.Sequence;
        _assemblySequence = -1;
        _restarted = false;
        _stalledAt = -1;
        _reportedAtTail = (-1, -1);
    }
}
