namespace WebsocketProxy.Ipc;

/// <summary>
/// Which platform layer the shared-memory transport runs on. A proxy and its clients must use the same one: each
/// keeps its files in a directory of its own, and a client that finds the proxy of its instance running on the other
/// back-end fails at once saying so.
/// </summary>
public enum IpcBackend
{
    /// <summary>
    /// The operating system's own primitives: on Linux a 0700 directory in <c>/dev/shm</c> checked with statx(2),
    /// futex wake-ups and <c>flock</c> leases. The default.
    /// </summary>
    Native,

    /// <summary>
    /// Only what .NET offers on Linux, Windows and macOS alike: file-backed mappings in a private per-user temporary
    /// directory, exclusively opened lock files for liveness, and a spin-then-sleep wait (sub-millisecond when busy,
    /// up to about a millisecond when idle on Linux; a timer tick on Windows). For platforms without a native back-end
    /// and for checking that behaviour does not depend on one.
    /// </summary>
    Portable,
}
