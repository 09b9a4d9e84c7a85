namespace WebsocketProxy.Ipc.Platform.Portable;

/// <summary>
/// A lease is a lock file held open with <see cref="FileShare.None"/>; the system closes it when the process dies,
/// however it dies. A probe opens it for reading with sharing allowed: that fails while a holder has it (a sharing
/// violation on Windows; on Linux and macOS .NET maps the share mode onto <c>flock</c>, exclusive for the holder and
/// shared for the probe, so probes do not conflict with each other).
/// </summary>
/// <remarks>
/// .NET can be told not to lock files on Unix (<c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>, or the
/// <c>System.IO.DisableFileLocking</c> switch); leases would then mean nothing, so this back-end refuses to run.
/// After locking, the path must still exist (a holder may delete its lock file, as <c>websocket-proxy clean</c> does);
/// unlike the native back-end it cannot tell a file deleted and recreated meanwhile from the one it locked.
/// </remarks>
internal sealed class LockFileLiveness : ILiveness
{
    private const int AcquireAttempts = 20;

    public static LockFileLiveness Instance { get; } = new();

    private LockFileLiveness()
    {
    }

    public IDisposable? TryAcquire(string path)
    {
        EnsureLockingWorks();
        for (var reopen = 0; ; reopen++)
        {
            var handle = TryLock(path);
            if (handle is null)
            {
                return null;
            }

            if (File.Exists(path) || reopen >= AcquireAttempts)
            {
                return handle;
            }

            handle.Dispose();
        }
    }

    public bool IsHeld(string path)
    {
        EnsureLockingWorks();
        try
        {
            using var probe = PortableFiles.Open(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return false;
        }
        catch (IOException ex) when (PortableFiles.IsSharingViolation(ex))
        {
            return true;
        }
    }

    private static FileStream? TryLock(string path)
    {
        // A prober holds the file for a microsecond or so: retry briefly before calling the lease taken.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return PortableFiles.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex) when (PortableFiles.IsSharingViolation(ex) && attempt < AcquireAttempts)
            {
                Thread.Sleep(1);
            }
            catch (IOException ex) when (PortableFiles.IsSharingViolation(ex))
            {
                return null;
            }
        }
    }

    private static void EnsureLockingWorks()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var disabled = AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var on) && on
            || Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING") is "1" or "true";
        if (disabled)
        {
            throw new PlatformNotSupportedException(
                "The portable IPC back-end needs .NET's file locking for its leases, and it is disabled here " +
                "(DOTNET_SYSTEM_IO_DISABLEFILELOCKING or System.IO.DisableFileLocking); use the native back-end or enable it.");
        }
    }
}
