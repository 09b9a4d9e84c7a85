namespace WebsocketProxy.Ipc;

/// <summary>
/// Looks at one message of a broadcast ring where it lies, without copying it (see
/// <see cref="BroadcastReader.TryRead{TState}(ref TState, BroadcastVisitor{TState})"/>).
/// </summary>
/// <typeparam name="TState">What the visitor reads and updates (a struct passed by reference costs nothing).</typeparam>
/// <param name="state">The caller's state.</param>
/// <param name="sequence">The message's sequence number.</param>
/// <param name="message">
/// The message's bytes in the shared mapping, valid only during the call. The writer may overwrite them meanwhile:
/// until the read that called the visitor returns <see cref="ReadStatus.Message"/>, they are a guess, to be staged
/// (parsed, copied) but never acted on.
/// </param>
/// <returns>True to go on with the batch; false to stop after this message (it still counts as visited).</returns>
public delegate bool BroadcastVisitor<TState>(ref TState state, long sequence, ReadOnlySpan<byte> message);
