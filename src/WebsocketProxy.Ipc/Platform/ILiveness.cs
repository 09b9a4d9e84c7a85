namespace WebsocketProxy.Ipc.Platform;

/// <summary>
/// Leases: a lock that one process holds and that the system releases when the process dies, however it dies, so that
/// anyone can tell a dead holder from a live one without trusting process ids.
/// </summary>
internal interface ILiveness
{
    /// <summary>Takes the lease at <paramref name="path"/> (created privately when missing); null when a live process holds it.</summary>
    /// <remarks>Retries for about 20 ms to ride out a concurrent <see cref="IsHeld"/> probe.</remarks>
    /// <exception cref="UnauthorizedAccessException">The file or its directory is not private to this user.</exception>
    IDisposable? TryAcquire(string path);

    /// <summary>Whether a live process holds the lease; false when nobody does or there is no such lease.</summary>
    bool IsHeld(string path);
}
