namespace WebsocketProxy.Ipc;

/// <summary>The outcome of one <see cref="BroadcastReader.TryReadBatch{TState}"/>.</summary>
/// <param name="Status">
/// <see cref="ReadStatus.Message"/> when <paramref name="Count"/> messages were visited and all of them are valid;
/// any other status means that every visit of this call (<paramref name="Count"/> of them, possibly none) may have
/// seen overwritten or damaged bytes and must be dropped, and says why, as <see cref="BroadcastReader.TryRead(System.Buffers.IBufferWriter{byte})"/> would.
/// </param>
/// <param name="Count">Messages visited by this call.</param>
/// <param name="LostCount">Messages lost in this call: sequence gaps between visited messages, or what a resynchronisation skipped (the dropped visits included).</param>
public readonly record struct BatchReadResult(ReadStatus Status, int Count, long LostCount);
