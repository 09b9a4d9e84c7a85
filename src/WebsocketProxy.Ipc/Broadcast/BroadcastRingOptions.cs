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
    /// readers. A multiple of 32 such that a record fits in a quarter of <see cref="Capacity"/>. Default 0, meaning
    /// automatic: 64 KiB minus the 32-byte record header, or a quarter of the capacity minus the header on small rings.
    /// </summary>
    public int MaxRecordPayload { get; init; }

    /// <summary>Largest message <see cref="BroadcastWriter.Publish(ReadOnlySpan{byte})"/> accepts: a quarter of the capacity, so a whole message can be read before a lap.</summary>
    public int MaxMessageLength => Capacity / 4;

    /// <summary>Clock for <see cref="BroadcastWriter.Heartbeat"/>. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Test hook: runs after a record is written and before its commit word is (simulates a writer dying mid-record).</summary>
    internal Action? BeforeCommit { get; init; }

    /// <summary>The record payload limit actually used (resolves the automatic default).</summary>
    internal int EffectiveMaxRecordPayload =>
        MaxRecordPayload != 0 ? MaxRecordPayload : Math.Min(64 << 10, Capacity / 4) - BroadcastLayout.RecordHeaderSize;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(TimeProvider);
        if (Capacity < 4096 || (Capacity & (Capacity - 1)) != 0)
        {
            throw new ArgumentException($"Capacity must be a power of two of at least 4096 bytes; got {Capacity}.", nameof(Capacity));
        }

        var payload = EffectiveMaxRecordPayload;
        if (payload < 32 || payload % 32 != 0 || payload + BroadcastLayout.RecordHeaderSize > Capacity / 4)
        {
            throw new ArgumentException(
                $"MaxRecordPayload must be a multiple of 32, at least 32, and a record must fit in a quarter of the capacity ({Capacity / 4} bytes); got {payload}.",
                nameof(MaxRecordPayload));
        }
    }
}
