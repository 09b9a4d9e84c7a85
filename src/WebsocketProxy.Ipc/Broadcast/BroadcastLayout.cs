namespace WebsocketProxy.Ipc;

/// <summary>
/// Byte layout of a broadcast ring file: a 4 KiB header page, then the power-of-two data area.
/// Hot fields each own a 128-byte line so the writer's stores do not evict what readers poll.
/// </summary>
internal static class BroadcastLayout
{
    public const ulong Magic = 0x474E_4952_4250_5357; // "WSPBRING" little-endian
    public const int Version = 1;
    public const int HeaderSize = 4096;
    public const int RecordHeaderSize = 32;
    public const int RecordAlignment = 32;

    // Line 0: identity, read-mostly.
    public const int MagicOffset = 0;
    public const int VersionOffset = 8;
    public const int HeaderSizeOffset = 12;
    public const int CapacityOffset = 16;
    public const int EpochOffset = 24;
    public const int MaxRecordPayloadOffset = 32;
    public const int ChunkSizeOffset = 36;
    public const int WriterProcessIdOffset = 40;
    public const int StateOffset = 44;
    public const int StartedUnixMillisecondsOffset = 48;

    // Line 1: claim fence (the writer never writes past it).
    public const int FenceOffset = 128;

    // Line 2: (tail position, tail sequence) double-buffered by an index, so a reader always finds a consistent
    // pair even if the writer died half-way through updating it.
    public const int TailIndexOffset = 256;
    public const int TailSlotsOffset = 264; // two slots of (position, sequence)

    // Line 3: eventcount.
    public const int FutexWordOffset = 384;
    public const int WaitersOffset = 388;

    // Line 4: the writer's heartbeat (Unix milliseconds), so readers can tell a hung writer from an idle feed.
    public const int HeartbeatOffset = 512;

    public const int StateLive = 1;
    public const int StateClosed = 2;
    public const int StateSuperseded = 3;

    public const int TypeData = 1;
    public const int TypePadding = 2;
    public const int TypeFirst = 3;
    public const int TypeMiddle = 4;
    public const int TypeLast = 5;

    public static int ChunkSize(int capacity) => Math.Min(64 << 10, capacity / 8);

    public static long AlignRecord(long size) => (size + RecordAlignment - 1) & ~(long)(RecordAlignment - 1);

    /// <summary>
    /// The commit word for a record at <paramref name="position"/>: never zero, different on every lap, and
    /// salted with the epoch so stale bytes of an earlier writer (or payload bytes) do not look committed.
    /// </summary>
    public static long CommitWord(long position, long commitMask) => (position + 1) ^ commitMask;

    /// <summary>Bit 62 is set so the mask never equals a position + 1 (positions stay below 2^62).</summary>
    public static long CommitMask(long epoch) => (epoch & 0x3FFF_FFFF_FFFF_FFFF) | 0x4000_0000_0000_0000;
}
