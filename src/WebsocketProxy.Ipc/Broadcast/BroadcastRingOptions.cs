namespace WebsocketProxy.Ipc;

/// <summary>Shape of a broadcast ring, chosen by its writer.</summary>
public sealed record BroadcastRingOptions
{
    /// <summary>The defaults: an 8 MiB ring, 64 KiB records.</summary>
    public static BroadcastRingOptions Default { get; } = new();

    /// <summary>Size of the data area in bytes: a power of two, at least 4 KiB. Default 8 MiB.</summary>
    public int Capacity { get; init; } = 8 << 20;

    /// <summary>
    /// Largest payload carried by one record; larger messages are split into fragments and reassembled by
    /// readers. At most a quarter of <see cref="Capacity"/>, a multiple of 32. Default 64 KiB minus the record header.
    /// </summary>
    public int MaxRecordPayload { get; init; } = (64 << 10) - 32;

    /// <summary>Largest message <see cref="BroadcastWriter.Publish(ReadOnlySpan{byte})"/> accepts: a quarter of the capacity, so a whole message can be read before a lap.</summary>
    public int MaxMessageLength => Capacity / 4;

    /// <summary>Clock for <see cref="BroadcastWriter.Heartbeat"/>. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Test hook: runs after a record is written and before its commit word is (simulates a writer dying mid-record).</summary>
    internal Action? BeforeCommit { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(TimeProvider);
        if (Capacity < 4096 || (Capacity & (Capacity - 1)) != 0)
        {
            throw new ArgumentException($"Capacity must be a power of two of at least 4096 bytes; got {Capacity}.", nameof(Capacity));
        }

        if (MaxRecordPayload < 32 || MaxRecordPayload % 32 != 0 || MaxRecordPayload + BroadcastLayout.RecordHeaderSize > Capacity / 4)
        {
            throw new ArgumentException(
                $"MaxRecordPayload must be a multiple of 32, at least 32, and a record must fit in a quarter of the capacity ({Capacity / 4} bytes); got {MaxRecordPayload}.",
                nameof(MaxRecordPayload));
        }
    }
}
