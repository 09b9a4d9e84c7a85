using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace WebsocketProxy.Ipc.Platform.Windows;

/// <summary>
/// A lease is a file of the private directory held open with a share mode that lets nobody else read or write it;
/// Windows enforces share modes (they are not advisory) and closes every handle of a process when it dies, however it
/// dies. A probe opens the file for reading: a sharing violation means a live holder.
/// </summary>
/// <remarks>
/// Not a named mutex, though an abandoned mutex also tells a dead owner: a mutex belongs to the thread that took it and
/// is abandoned when that thread exits, and .NET retires idle thread-pool threads, so a live process would look dead
/// unless every lease kept a thread of its own waiting. The transport also finds clients by their lease files (and
/// <c>websocket-proxy clean</c> removes them), so a lease needs its file anyway. The holder allows deletion (clean
/// deletes lease files it holds); after locking, the path must still exist.
/// </remarks>
[SupportedOSPlatform("windows")]
internal sealed class WindowsLiveness : ILiveness
{
    private const int AcquireAttempts = 20;
    private const int SharingViolation = unchecked((int)0x80070020);
    private const int LockViolation = unchecked((int)0x80070021);

    public static WindowsLiveness Instance { get; } = new();

    private WindowsLiveness()
    {
    }

    public IDisposable? TryAcquire(string path)
    {
        CheckPath(path);
        WindowsNaming.Instance.EnsureRootDirectory();
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
        CheckPath(path);
        try
        {
            using var probe = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return false;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        catch (IOException ex) when (ex.HResult is SharingViolation or LockViolation)
        {
            return true;
        }
    }

    private static SafeFileHandle? TryLock(string path)
    {
        // A prober holds the file for a microsecond or so: retry briefly before calling the lease taken.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Delete);
            }
            catch (IOException ex) when (ex.HResult is SharingViolation or LockViolation)
            {
                if (attempt >= AcquireAttempts)
                {
                    return null;
                }

                Thread.Sleep(1);
            }
        }
    }

    private static void CheckPath(string path)
    {
        if (!WindowsNaming.Instance.Holds(path))
        {
            throw new ArgumentException($"'{path}' is not in the Windows IPC directory '{WindowsNaming.Instance.RootDirectory}'.", nameof(path));
        }

        if (new FileInfo(path).LinkTarget is { } target)
        {
            throw new UnauthorizedAccessException($"The lease file '{path}' is a link to '{target}'; refusing to follow it.");
        }
    }
}
