using System.Buffers.Binary;
using System.Security.Cryptography;
using WebsocketProxy.Ipc.Platform;
using WebsocketProxy.Ipc.Waiting;

namespace WebsocketProxy.Ipc;

/// <summary>
/// The single writer of a broadcast ring. It never reads reader state, so no reader can slow it down;
/// readers that fall a lap behind detect it and count exactly what they lost. Not thread-safe: publish
/// from one thread.
/// </summary>
public sealed unsafe partial class BroadcastWriter : IDisposable
{
    private readonly IMappedRegion _map;
    private readonly Lease _lease;
    private readonly byte* _header;
    private readonly byte* _data;
    private readonly long _mask;
    private readonly int _capacity;
    private readonly int _chunkSize;
    private readonly int _maxRecordPayload;
    private readonly long _commitMask;
    private readonly EventCount _events;
    private readonly IWaitStrategy _waker;
    private readonly Action? _beforeCommit;
    private readonly TimeProvider _timeProvider;
    private long _position;
    private long _fence;
    private long _published;
    private long _tailIndex;
    private bool _disposed;

    private BroadcastWriter(IMappedRegion map, IWaitStrategy waker, Lease lease, BroadcastRingOptions options, long epoch)
    {
        _map = map;
        _lease = lease;
        _header = map.Pointer;
        _data = map.Pointer + BroadcastLayout.HeaderSize;
        _capacity = options.Capacity;
        _mask = options.Capacity - 1;
        _chunkSize = BroadcastLayout.ChunkSize(options.Capacity);
        _maxRecordPayload = options.EffectiveMaxRecordPayload;
        _commitMask = BroadcastLayout.CommitMask(epoch);
        _events = new EventCount((int*)(_header + BroadcastLayout.FutexWordOffset), (int*)(_header + BroadcastLayout.WaitersOffset));
        _waker = waker;
        _beforeCommit = options.BeforeCommit;
        _timeProvider = options.TimeProvider;
        Epoch = epoch;
        Path = map.Path;
        MaxMessageLength = options.MaxMessageLength;
    }

    /// <summary>The ring file.</summary>
    public string Path { get; }

    /// <summary>Random identity of this writer start; readers see a new epoch when the writer restarts.</summary>
    public long Epoch { get; }

    /// <summary>How many messages this writer has published (the next message's sequence number).</summary>
    public long Published => _published;

    /// <summary>Largest message <see cref="Publish(ReadOnlySpan{byte})"/> accepts.</summary>
    public int MaxMessageLength { get; }

    /// <summary>
    /// Creates a fresh ring at <paramref name="path"/> with a new epoch, replacing any earlier file atomically;
    /// readers of the earlier ring see <see cref="ReadStatus.WriterRestarted"/>. Holds the lease
    /// <c>&lt;path&gt;.lease</c> so readers can tell when this writer dies.
    /// </summary>
    /// <param name="path">The ring file, normally from <see cref="IpcPaths.ForUser(string)"/>.</param>
    /// <param name="options">Ring shape; <see cref="BroadcastRingOptions.Default"/> when null.</param>
    /// <exception cref="IOException">Another live writer owns this ring, or the file cannot be created privately.</exception>
    public static BroadcastWriter Create(string path, BroadcastRingOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= BroadcastRingOptions.Default;
        options.Validate();
        if (!Lease.TryAcquire(LeasePath(path), out var lease))
        {
            throw new IOException($"Another live writer owns the broadcast ring '{path}'.");
        }

        try
        {
            var epoch = BinaryPrimitives.ReadInt64LittleEndian(RandomNumberGenerator.GetBytes(8)) & long.MaxValue | 1;
            var platform = IpcPlatform.ForPath(path);

            // Opened before the new ring replaces it, to tell its readers they were superseded.
            using var old = OpenEarlier(platform, path);
            var map = platform.Memory.CreatePublished(path, BroadcastLayout.HeaderSize + (long)options.Capacity, region =>
            {
                InitializeHeader(region.Pointer, options, epoch);
                StampHeartbeat(region.Pointer, options.TimeProvider);
            });
            try
            {
                var writer = new BroadcastWriter(map, platform.Waiting.Waker(map), lease, options, epoch);
                Supersede(old, platform);
                return writer;
            }
            catch
            {
                map.Dispose();
                throw;
            }
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stamps the current time into the ring header. Call it periodically (for example every 250 ms) so readers can
    /// tell a writer that is alive but hung (<see cref="BroadcastReader.WriterHeartbeat"/> stops changing) from a quiet
    /// feed. Every stamp is later than the one before, even when the clock stands still or steps back, so a reader
    /// can watch for change alone and never compare clocks.
    /// </summary>
    public void Heartbeat()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        StampHeartbeat(_header, _timeProvider);
    }

    private static void StampHeartbeat(byte* header, TimeProvider time)
    {
        ref var stamp = ref *(long*)(header + BroadcastLayout.HeartbeatOffset);
        Volatile.Write(ref stamp, Math.Max(time.GetUtcNow().ToUnixTimeMilliseconds(), Volatile.Read(ref stamp) + 1));
    }

    /// <summary>The lease file a ring's writer holds.</summary>
    internal static string LeasePath(string ringPath) => ringPath + ".lease";

    /// <summary>Marks the ring closed, wakes every reader and releases the lease. The file stays so readers can drain it.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Volatile.Write(ref *(int*)(_header + BroadcastLayout.StateOffset), BroadcastLayout.StateClosed);
        _events.NotifyAll(_waker);
        _map.Dispose();
        _lease.Dispose();
    }

    private static void InitializeHeader(byte* header, BroadcastRingOptions options, long epoch)
    {
        *(int*)(header + BroadcastLayout.VersionOffset) = BroadcastLayout.Version;
        *(int*)(header + BroadcastLayout.HeaderSizeOffset) = BroadcastLayout.HeaderSize;
        *(long*)(header + BroadcastLayout.CapacityOffset) = options.Capacity;
        *(long*)(header + BroadcastLayout.EpochOffset) = epoch;
        *(int*)(header + BroadcastLayout.MaxRecordPayloadOffset) = options.EffectiveMaxRecordPayload;
        *(int*)(header + BroadcastLayout.ChunkSizeOffset) = BroadcastLayout.ChunkSize(options.Capacity);
        *(int*)(header + BroadcastLayout.WriterProcessIdOffset) = Environment.ProcessId;
        *(int*)(header + BroadcastLayout.StateOffset) = BroadcastLayout.StateLive;
        *(long*)(header + BroadcastLayout.StartedUnixMillisecondsOffset) = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // Magic last: a reader that sees it sees a fully initialised header.
        Volatile.Write(ref *(ulong*)(header + BroadcastLayout.MagicOffset), BroadcastLayout.Magic);
    }

    /// <summary>The ring published at <paramref name="path"/> before this writer, if any can be opened.</summary>
    private static IMappedRegion? OpenEarlier(IpcPlatform platform, string path)
    {
        try
        {
            return platform.Memory.OpenExisting(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable or non-private leftover is simply replaced (the rename fails if another user owns it).
            return null;
        }
    }

    /// <summary>Tells readers of the ring this writer replaced that it was replaced.</summary>
    private static void Supersede(IMappedRegion? old, IpcPlatform platform)
    {
        if (old is { Length: >= BroadcastLayout.HeaderSize }
            && Volatile.Read(ref *(ulong*)(old.Pointer + BroadcastLayout.MagicOffset)) == BroadcastLayout.Magic)
        {
            Volatile.Write(ref *(int*)(old.Pointer + BroadcastLayout.StateOffset), BroadcastLayout.StateSuperseded);
            new EventCount((int*)(old.Pointer + BroadcastLayout.FutexWordOffset), (int*)(old.Pointer + BroadcastLayout.WaitersOffset))
                .NotifyAll(platform.Waiting.Waker(old));
        }
    }
}
