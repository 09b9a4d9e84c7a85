namespace WebsocketProxy.Ipc;

/// <summary>The fields of a broadcast ring's header that fix its layout, read once and checked against the mapping.</summary>
/// <param name="Capacity">Bytes in the data area (a power of two; the mapping is exactly header + capacity).</param>
/// <param name="MaxRecordPayload">Largest payload of one record.</param>
/// <param name="Epoch">The writer start that created the ring.</param>
internal readonly record struct BroadcastGeometry(long Capacity, int MaxRecordPayload, long Epoch);
