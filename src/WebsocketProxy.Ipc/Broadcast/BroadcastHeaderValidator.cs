using WebsocketProxy.Ipc.Mapping;

namespace WebsocketProxy.Ipc;

/// <summary>Checks a mapped file really is a broadcast ring this build understands, with a clear message if not.</summary>
internal static unsafe class BroadcastHeaderValidator
{
    public static void Validate(SharedMapping map)
    {
        var header = map.Pointer;
        if (map.Length < BroadcastLayout.HeaderSize
            || Volatile.Read(ref *(ulong*)(header + BroadcastLayout.MagicOffset)) != BroadcastLayout.Magic)
        {
            throw new InvalidDataException($"'{map.Path}' is not a broadcast ring (bad magic or too short).");
        }

        var version = *(int*)(header + BroadcastLayout.VersionOffset);
        if (version != BroadcastLayout.Version || *(int*)(header + BroadcastLayout.HeaderSizeOffset) != BroadcastLayout.HeaderSize)
        {
            throw new InvalidDataException($"'{map.Path}' is a broadcast ring of version {version}; this build reads version {BroadcastLayout.Version}.");
        }

        var capacity = *(long*)(header + BroadcastLayout.CapacityOffset);
        var maxRecordPayload = *(int*)(header + BroadcastLayout.MaxRecordPayloadOffset);
        if (capacity < 4096 || (capacity & (capacity - 1)) != 0 || map.Length != BroadcastLayout.HeaderSize + capacity
            || maxRecordPayload < 32 || maxRecordPayload + BroadcastLayout.RecordHeaderSize > capacity / 4)
        {
            throw new InvalidDataException($"'{map.Path}' has an inconsistent header (capacity {capacity}, record payload {maxRecordPayload}, file {map.Length} bytes).");
        }
    }
}
