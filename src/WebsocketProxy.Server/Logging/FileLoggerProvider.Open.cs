using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;
using WebsocketProxy.Shared;

namespace WebsocketProxy.Server.Logging;

internal sealed partial class FileLoggerProvider
{
    private static bool IsBsd => OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    // O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK (a planted FIFO fails at once instead of
    // blocking the proxy until someone reads it; on a regular file the flag does nothing).
    private static int Flags => IsBsd ? 0x1 | 0x200 | 0x8 | 0x100 | 0x1000000 | 0x4 : 0x1 | 0x40 | 0x400 | 0x20000 | 0x80000 | 0x800;

    private static int SymbolicLinkError => IsBsd ? 62 : 40; // ELOOP

    /// <summary>Opens (or creates, 0600) the log for appending, refusing a symlink or another user's file.</summary>
    [UnsupportedOSPlatform("windows")]
    private static SafeFileHandle OpenPrivate(string path)
    {
        var descriptor = Open(path, Flags, 0x180 /* 0600 */);
        if (descriptor < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw new IOException(error == SymbolicLinkError
                ? $"The log file '{path}' is a symbolic link; refusing to follow it (another user may have placed it). Remove it or choose another --log-file."
                : $"Cannot open the log file '{path}': {Marshal.GetPInvokeErrorMessage(error)}.");
        }

        var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        try
        {
            var mode = File.GetUnixFileMode(handle);
            if (FileSecurity.Stat(handle) is { } status)
            {
                if (!status.IsRegularFile)
                {
                    throw new IOException($"The log file '{path}' is not a regular file; refusing to log into it.");
                }

                if (status.Owner != FileSecurity.EffectiveUserId)
                {
                    throw new IOException($"The log file '{path}' belongs to another user (uid {status.Owner}), who could read the log; refusing to log into it.");
                }
            }

            if (mode != PrivateMode)
            {
                // Ours, but readable by others (say 0644 from an earlier tool): the log may name accounts and hosts.
                File.SetUnixFileMode(handle, PrivateMode);
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [UnsupportedOSPlatform("windows")]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mode);
}
