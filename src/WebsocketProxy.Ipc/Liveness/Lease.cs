using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using WebsocketProxy.Ipc.Mapping;
using WebsocketProxy.Ipc.Native;

namespace WebsocketProxy.Ipc;

/// <summary>
/// An exclusive <c>flock</c> on a small file, held for as long as this object (normally the process) lives.
/// The kernel releases it when the process dies, however it dies, so a probe that can take the lock knows
/// the holder is gone. No process id is involved, so pid reuse cannot fool the probe.
/// </summary>
/// <remarks>
/// The file is left in place on dispose. A holder may delete it while holding it (<c>websocket-proxy clean</c> does):
/// <see cref="TryAcquire"/> checks after locking that the path still names the file it locked, and opens it again if not,
/// so a late acquirer never holds a lock on an unlinked file.
/// </remarks>
public sealed class Lease : IDisposable
{
    private const uint PrivateMode = 0x180; // 0600
    private const int AcquireAttempts = 20;

    private int _fd;

    private Lease(string path, int fd)
    {
        Path = path;
        _fd = fd;
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

        // A lock file may be deleted by its last holder or by `websocket-proxy clean` while we wait on it: a lock on the
        // unlinked inode would then be worth nothing, so after locking, check that the path still names our file.
        for (var reopen = 0; ; reopen++)
        {
            var fd = PrivateFiles.Open(path, PrivateFiles.Disposition.OpenOrCreate, writable: true);
            if (LibC.Fchmod(fd, PrivateMode) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                _ = LibC.Close(fd);
                throw new IOException($"Cannot make the lease file '{path}' private (errno {errno}).");
            }

            bool locked;
            try
            {
                locked = TryLock(fd, path);
            }
            catch
            {
                _ = LibC.Close(fd);
                throw;
            }

            if (!locked)
            {
                _ = LibC.Close(fd);
                lease = null;
                return false;
            }

            if (PrivateFiles.StillNamed(fd, path) || reopen >= AcquireAttempts)
            {
                lease = new Lease(path, fd);
                return true;
            }

            _ = LibC.Close(fd);
        }
    }

    private static bool TryLock(int fd, string path)
    {
        // A prober holds a shared lock for a microsecond or so: retry briefly before calling the lease taken.
        for (var attempt = 0; attempt < AcquireAttempts; attempt++)
        {
            if (LibC.Flock(fd, LibC.LockExclusive | LibC.LockNonBlocking) == 0)
            {
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != WouldBlock && errno != LibC.ErrorInterrupted)
            {
                throw new IOException($"Cannot lock the lease file '{path}' (errno {errno}).");
            }

            Thread.Sleep(1);
        }

        return false;
    }

    /// <summary>Probes the lease: true while a live process holds it, false if nobody does or the file is missing.</summary>
    /// <param name="path">The lease file.</param>
    /// <exception cref="UnauthorizedAccessException">The file or its directory is not private to this user.</exception>
    public static bool IsHeld(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fd = PrivateFiles.Open(path, PrivateFiles.Disposition.OpenExisting, writable: false);
        if (fd < 0)
        {
            return false;
        }

        try
        {
            while (true)
            {
                // A shared lock conflicts with the holder's exclusive one but not with other probers.
                if (LibC.Flock(fd, LibC.LockShared | LibC.LockNonBlocking) == 0)
                {
                    return false;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno == WouldBlock)
                {
                    return true;
                }

                if (errno != LibC.ErrorInterrupted)
                {
                    throw new IOException($"Cannot probe the lease file '{path}' (errno {errno}).");
                }
            }
        }
        finally
        {
            _ = LibC.Close(fd); // closing drops our probe lock
        }
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
    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            _ = LibC.Flock(fd, LibC.LockUnlock);
            _ = LibC.Close(fd);
        }
    }

    private static bool IsBsd => OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() || OperatingSystem.IsFreeBSD();

    private static int WouldBlock => IsBsd ? 35 : 11;

}
