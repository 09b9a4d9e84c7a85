using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace WebsocketProxy.Ipc.Platform.MacOS;

/// <summary>
/// macOS 14.4's futex: <c>os_sync_wait_on_address_with_timeout</c> and <c>os_sync_wake_by_address_all</c> with the
/// SHARED flags, which key the wait on the physical page so sleepers of every process that maps the region meet on the
/// word. Looked up at run time (<see cref="TryCreate"/>): on older systems the symbols do not exist and the caller falls
/// back to polling with backoff.
/// </summary>
/// <remarks>Wake-all, not <c>os_sync_wake_by_address_any</c>: every reader of a broadcast ring sleeps on the same word.</remarks>
[SupportedOSPlatform("macos")]
internal sealed unsafe class OsSyncWaitStrategy : IWaitStrategy
{
    private const uint WaitShared = 1; // OS_SYNC_WAIT_ON_ADDRESS_SHARED
    private const uint WakeShared = 1; // OS_SYNC_WAKE_BY_ADDRESS_SHARED
    private const uint MachAbsoluteTime = 32; // OS_CLOCK_MACH_ABSOLUTE_TIME; the timeout is relative, in nanoseconds

    private static readonly Lazy<OsSyncWaitStrategy?> Shared = new(Load);

    private readonly delegate* unmanaged<void*, ulong, nuint, uint, uint, ulong, int> _wait;
    private readonly delegate* unmanaged<void*, nuint, uint, int> _wakeAll;

    private OsSyncWaitStrategy(nint wait, nint wakeAll)
    {
        _wait = (delegate* unmanaged<void*, ulong, nuint, uint, uint, ulong, int>)wait;
        _wakeAll = (delegate* unmanaged<void*, nuint, uint, int>)wakeAll;
    }

    /// <summary>The strategy, or null where the system lacks <c>os_sync_wait_on_address</c> (before macOS 14.4).</summary>
    public static OsSyncWaitStrategy? TryCreate() => Shared.Value;

    public void Sleep(int* word, int observed, TimeSpan timeout)
    {
        if (Volatile.Read(ref *word) != observed)
        {
            return;
        }

        // A zero timeout is refused (EINVAL): at least a nanosecond. ETIMEDOUT, EINTR and a changed word all mean
        // "look again", which the caller does.
        var nanoseconds = (ulong)Math.Max(1, timeout.Ticks) * 100;
        _ = _wait(word, unchecked((uint)observed), sizeof(int), WaitShared, MachAbsoluteTime, nanoseconds);
    }

    /// <summary>Wakes every sleeper; -1 with ENOENT when nobody sleeps, which is fine.</summary>
    public void Wake(int* word) => _ = _wakeAll(word, sizeof(int), WakeShared);

    private static OsSyncWaitStrategy? Load()
    {
        if (!OperatingSystem.IsMacOSVersionAtLeast(14, 4) || !NativeLibrary.TryLoad(Darwin.LibSystem, out var library))
        {
            return null;
        }

        return NativeLibrary.TryGetExport(library, "os_sync_wait_on_address_with_timeout", out var wait)
            && NativeLibrary.TryGetExport(library, "os_sync_wake_by_address_all", out var wakeAll)
                ? new OsSyncWaitStrategy(wait, wakeAll)
                : null;
    }
}
