using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace WebsocketProxy.Ipc.Platform.Linux;

/// <summary>
/// An exclusive <c>flock</c> on a 0600 file of the private directory, opened close-on-exec. The kernel drops it when the
/// process dies, however it dies; a probe takes a shared non-blocking lock, which conflicts with the holder's but not
/// with other probers. No process id is involved, so pid reuse cannot fool the probe.
/// </summary>
[SupportedOSPlatform("linux")]
[SupportedOSPlatform("macos")]
[SupportedOSPlatform("freebsd")]
internal sealed class FlockLiveness : ILiveness
{
    private const uint PrivateMode = 0x180; // 0600
    private const int AcquireAttempts = 20;

    public static FlockLiveness Instance { get; } = new();

    private FlockLiveness()
    {
    }

    public IDisposable? TryAcquire(string path)
    {
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
                return null;
            }

            if (PrivateFiles.StillNamed(fd, path) || reopen >= AcquireAttempts)
            {
                return new Held(fd);
            }

            _ = LibC.Close(fd);
        }
    }

    public bool IsHeld(string path)
    {
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

    private static bool IsBsd => OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() || OperatingSystem.IsFreeBSD();

    private static int WouldBlock => IsBsd ? 35 : 11;

    /// <summary>The held lock: unlocked and closed on dispose.</summary>
    private sealed class Held(int fd) : IDisposable
    {
        private int _fd = fd;

        public void Dispose()
        {
            var fd = Interlocked.Exchange(ref _fd, -1);
            if (fd >= 0)
            {
                _ = LibC.Flock(fd, LibC.LockUnlock);
                _ = LibC.Close(fd);
            }
        }
    }
}
