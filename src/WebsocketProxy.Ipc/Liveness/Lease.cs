using System.Diagnostics.CodeAnalysis;
using WebsocketProxy.Ipc.Platform;

namespace WebsocketProxy.Ipc;

/// <summary>
/// An exclusive lock on a small file, held for as long as this object (normally the process) lives. The system
/// releases it when the process dies, however it dies, so a probe that can take the lock knows the holder is gone.
/// No process id is involved, so pid reuse cannot fool the probe. The back-end is the one whose directory holds the
/// path (<see cref="IpcPaths.ForUser(string, IpcBackend)"/>): <c>flock</c> on Linux's native back-end, a file opened
/// exclusively on the portable one.
/// </summary>
/// <remarks>
/// The file is left in place on dispose. A holder may delete it while holding it (<c>websocket-proxy clean</c> does):
/// <see cref="TryAcquire"/> checks after locking that the path still names the file it locked, and opens it again if not,
/// so a late acquirer never holds a lock on an unlinked file.
/// </remarks>
public sealed class Lease : IDisposable
{
    private IDisposable? _held;

    private Lease(string path, IDisposable held)
    {
        Path = path;
        _held = held;
    }

    /// <summary>The lease file.</summary>
    public string Path { get; }

    /// <summary>Takes the lease or throws if a live process holds it.</summary>
    /// <param name="path">The lease file; created with mode 0600 if missing.</param>
    /// <exception cref="IOException">A live process holds the lease, or the file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its directory is not private to this user (see <see cref="IpcPaths"/>).</exception>
    public static Lease Acquire(string path) =>
        TryAcquire(path, out var lease) ? lease : throw new IOException($"The lease '{path}' is held by a live process.");

    /// <summary>Takes the lease unless a live process holds it.</summary>
    /// <param name="path">The lease file; created with mode 0600 if missing, in a directory private to this user.</param>
    /// <param name="lease">The held lease when the method returns true.</param>
    /// <returns>True when this process now holds the lease; false (after retrying for about 20 ms, to ride out a
    /// concurrent <see cref="IsHeld"/> probe) when a live process holds it.</returns>
    public static bool TryAcquire(string path, [NotNullWhen(true)] out Lease? lease)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var held = IpcPlatform.ForPath(path).Liveness.TryAcquire(path);
        lease = held is null ? null : new Lease(path, held);
        return lease is not null;
    }

    /// <summary>Probes the lease: true while a live process holds it, false if nobody does or the file is missing.</summary>
    /// <param name="path">The lease file.</param>
    /// <exception cref="UnauthorizedAccessException">The file or its directory is not private to this user.</exception>
    public static bool IsHeld(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return IpcPlatform.ForPath(path).Liveness.IsHeld(path);
    }

    /// <summary>
    /// Why process <paramref name="pid"/> must not be terminated as the hung holder of the lease at
    /// <paramref name="path"/>; null only when the lease's back-end proves it is a process of this user, not this
    /// process, holding that lease open while the lease is held.
    /// </summary>
    /// <remarks>
    /// A caller that got the pid from the holder itself (a proxy states it when a client registers) uses this before
    /// terminating a holder that stopped working: a pid reused since, or any process the back-end cannot inspect, is
    /// refused with the reason. The native back-ends prove it (Linux reads <c>/proc</c>, Windows asks the Restart Manager,
    /// macOS libproc; the last two have never run); the portable back-end never does.
    /// </remarks>
    /// <param name="pid">The process said to hold the lease.</param>
    /// <param name="path">The lease file.</param>
    public static string? RefusalToTerminateHolder(int pid, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return IpcPlatform.ForPath(path).Identity.RefuseToTerminate(pid, path);
    }

    /// <summary>
    /// Completes once nobody holds the lease at <paramref name="path"/> (the holder released it or died), probing every
    /// <paramref name="pollInterval"/>; a 250 ms interval reports a death well within a second.
    /// </summary>
    /// <param name="path">The lease file.</param>
    /// <param name="pollInterval">Time between probes.</param>
    /// <param name="timeProvider">Clock for the delays; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="cancellationToken">Stops watching.</param>
    public static async Task WaitForReleaseAsync(string path, TimeSpan pollInterval, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        timeProvider ??= TimeProvider.System;
        while (IsHeld(path))
        {
            await Task.Delay(pollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Releases the lease.</summary>
    public void Dispose() => Interlocked.Exchange(ref _held, null)?.Dispose();
}
