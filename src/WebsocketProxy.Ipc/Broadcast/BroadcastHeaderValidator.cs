using WebsocketProxy.Ipc.Platform;

namespace WebsocketProxy.Ipc;

/// <summary>Checks a mapped file really is a broadcast ring this build understands, with a clear message if not.</summary>
internal static unsafe class BroadcastHeaderValidator
{
    /// <summary>
    /// Reads the layout fields once and checks them against the mapping. Callers use only the returned values, never
    /// the header again: another process may change the header after this check, and a capacity read twice could
    /// then address memory outside the mapping.
    /// </summary>
    public static BroadcastGeometry Validate(IMappedRegion map)
    {
        var header = map.Pointer;
        if (map.Length < BroadcastLayout.HeaderSize
            || Volatile.Read(ref *(ulong*)(header + BroadcastLayout.MagicOffset)) != BroadcastLayout.Magic)
        {
            throw new InvalidDataException($"'{map.Path}' is not a broadcast ring (bad magic or too short).");
        }

        var version = Volatile.Read(ref *(int*)(header + BroadcastLayout.VersionOffset));
        var headerSize = Volatile.Read(ref *(int*)(header + BroadcastLayout.HeaderSizeOffset));
        if (version != BroadcastLayout.Version || headerSize != BroadcastLayout.HeaderSize)
        {
            throw new InvalidDataException($"'{map.Path}' is a broadcast ring of version {version}; this build reads version {BroadcastLayout.Version}.");
        }

        var capacity = Volatile.Read(ref *(long*)(header + BroadcastLayout.CapacityOffset));
        var maxRecordPayload = Volatile.Read(ref *(int*)(header + BroadcastLayout.MaxRecordPayloadOffset));
        if (capacity < 4096 || (capacity & (capacity - 1)) != 0 || map.Length != BroadcastLayout.HeaderSize + capacity
            || maxRecordPayload < 32 || maxRecordPayload + BroadcastLayout.RecordHeaderSize > capacity / 4)
        {
            // A file shorter than its header claims (truncated, or a capacity that was changed) is refused here,
            // before any record is addressed.
            throw new InvalidDataException($"'{map.Path}' has an inconsistent header (capacity {capacity}, record payload {maxRecordPayload}, file {map.Length} bytes).");
        }

        return new BroadcastGeometry(capacity, maxRecordPayload, Volatile.Read(ref *(long*)(header + BroadcastLayout.EpochOffset)));
    }
}
