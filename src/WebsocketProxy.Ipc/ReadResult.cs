namespace WebsocketProxy.Ipc;

/// <summary>The outcome of one <c>TryRead</c>.</summary>
/// <param name="Status">What was found.</param>
/// <param name="Sequence">
/// For <see cref="ReadStatus.Message"/>, the message's sequence number (a message ring numbers what it delivers);
/// for <see cref="ReadStatus.Lost"/>, the sequence the reader resumes at.
/// </param>
/// <param name="LostCount">
/// Messages lost just before this result: the gap reported by <see cref="ReadStatus.Lost"/> (or by a broadcast
/// <see cref="ReadStatus.Corrupt"/>); for a message ring's <see cref="ReadStatus.Corrupt"/>, the bytes skipped; zero otherwise.
/// </param>
/// <param name="Length">Bytes appended to the destination for <see cref="ReadStatus.Message"/>, else zero.</param>
public readonly record struct ReadResult(ReadStatus Status, long Sequence, long LostCount, int Length)
{
    internal static ReadResult Empty => new(ReadStatus.Empty, 0, 0, 0);
}
