using Microsoft.Extensions.Logging;
using WebsocketProxy.Ipc;

namespace WebsocketProxy.Server.Hosting;

/// <summary>Settings of one proxy process (the <c>run</c> verb's options).</summary>
internal sealed record ProxyServerOptions
{
    public static ProxyServerOptions Default { get; } = new();

    /// <summary>Separates proxies of one user (tests run one instance each).</summary>
    public string Instance { get; init; } = "default";

    /// <summary>How long the proxy keeps running after the last client has gone.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Bytes in the broadcast ring (a power of two).</summary>
    public int RingCapacity { get; init; } = 8 << 20;

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    public string? LogFile { get; init; }

    public bool ConsoleLog { get; init; } = true;

    /// <summary>
    /// How often the per-user directory is scanned for newly registered clients when nothing woke the proxy
    /// (inotify normally does, at once).
    /// </summary>
    public TimeSpan ScanInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The IPC back-end (<c>--ipc-backend</c>); when null, <c>WEBSOCKET_PROXY_IPC_BACKEND</c>, else native.</summary>
    public IpcBackend? IpcBackend { get; init; }

    /// <summary><see cref="IpcBackend"/> resolved against the environment.</summary>
    public IpcBackend Backend => IpcBackendSelection.Resolve(IpcBackend);

    /// <summary>How often each client's lease is probed; a dead client is released within this (plus one scan).</summary>
    public TimeSpan LivenessInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}
