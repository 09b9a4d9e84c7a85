using WebsocketProxy.Ipc.Mapping;
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
    private readonly IWaitStrategy _strategy;
    private SharedMapping _map;
    private byte* _header;
    private byte* _data;
    private long _capacity;
    private long _mask;
    private int _maxRecordPayload;
    private int _maxMessageLength;
    private long _commitMask;
    private EventCount _events;
    private long _cursor;
    private long _nextSequence;
    private long _received;
    private long _lost;
    private bool _restarted;
    private bool _disposed;

    private BroadcastReader(string path, SharedMapping map, WaitOptions options)
    {
        _path = path;
        _settings = options.ToSettings();
        _strategy = WaitStrategies.Resolve(options.WaitStrategy);
        _map = map;
        Attach(map);
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
    public long WriterPublished => ReadTail().Sequence;

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
    /// <exception cref="InvalidDataException">The file is not a broadcast ring of a supported version.</exception>
    /// <exception cref="UnauthorizedAccessException">The file is not private to this user (mode other than 0600).</exception>
    public static BroadcastReader Open(string path, WaitOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var map = MapValidated(path);
        try
        {
            return new BroadcastReader(path, map, options ?? WaitOptions.Default);
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
    public bool Reattach()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var map = MapValidated(_path);
        if (*(long*)(map.Pointer + BroadcastLayout.EpochOffset) == Epoch)
        {
            map.Dispose();
            return false;
        }

        var old = _map;
        _map = map;
        Attach(map);
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
        return WaitLoop.Wait(_events, _strategy, _settings, this, static r => r.HasData(), timeout, cancellationToken);
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

    private static SharedMapping MapValidated(string path)
    {
        var map = SharedMapping.OpenExisting(path)
            ?? throw new FileNotFoundException($"No broadcast ring at '{path}': is the writer running?", path);
        try
        {
            BroadcastHeaderValidator.Validate(map);
            return map;
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    private void Attach(SharedMapping map)
    {
        _header = map.Pointer;
        _data = map.Pointer + BroadcastLayout.HeaderSize;
        _capacity = *(long*)(_header + BroadcastLayout.CapacityOffset);
        _mask = _capacity - 1;
        _maxRecordPayload = *(int*)(_header + BroadcastLayout.MaxRecordPayloadOffset);
        _maxMessageLength = (int)(_capacity / 4);
        Epoch = *(long*)(_header + BroadcastLayout.EpochOffset);
        _commitMask = BroadcastLayout.CommitMask(Epoch);
        _events = new EventCount((int*)(_header + BroadcastLayout.FutexWordOffset), (int*)(_header + BroadcastLayout.WaitersOffset));
        var (position, sequence) = ReadTail();
        _cursor = position;
        _nextSequence = sequence;
        JoinedAtSequence = sequence;
        _assemblySequence = -1;
        _restarted = false;
    }
}
