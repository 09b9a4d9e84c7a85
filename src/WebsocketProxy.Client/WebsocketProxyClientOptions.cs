using Microsoft.Extensions.Logging;
using WebsocketProxy.Ipc;

namespace WebsocketProxy.Client;

/// <summary>Settings of a <see cref="WebsocketProxyClient"/>.</summary>
public sealed record WebsocketProxyClientOptions
{
    /// <summary>The defaults: instance <c>default</c>, proxy found next to the application or on PATH.</summary>
    public static WebsocketProxyClientOptions Default { get; } = new();

    /// <summary>Shown in the proxy's logs and status.</summary>
    public string Name { get; init; } = AppDomain.CurrentDomain.FriendlyName;

    /// <summary>Which proxy of this user to use; separate instances never share anything.</summary>
    public string Instance { get; init; } = "default";

    /// <summary>
    /// The proxy executable (<c>websocket-proxy</c>), its <c>websocket-proxy.dll</c> (run with <c>dotnet</c>), or a
    /// directory holding either. When <see langword="null"/>: <c>WEBSOCKET_PROXY_PATH</c>, the application's
    /// directory, then PATH.
    /// </summary>
    public string? ProxyPath { get; init; }

    /// <summary>When this client starts the proxy: how long it lingers after its last client leaves.</summary>
    public TimeSpan ProxyGracePeriod { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// When this client starts the proxy: where it writes its log (none when <see langword="null"/>). The file is
    /// kept 0600; the proxy refuses to start on a symbolic link or another user's file there.
    /// </summary>
    public string? ProxyLogFile { get; init; }

    /// <summary>When this client starts the proxy: its initial log level.</summary>
    public LogLevel ProxyLogLevel { get; init; } = LogLevel.Information;

    /// <summary>When <see langword="false"/>, the client never starts a proxy and fails when none runs.</summary>
    public bool StartProxy { get; init; } = true;

    /// <summary>How long to wait for the proxy to answer the first time (including starting it).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long to wait for the answer to one request (an open also waits for the upstream handshake).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Data frames buffered per <see cref="IProxyConnection.ReadFramesAsync"/> reader; beyond this, data frames are
    /// dropped and a Gap frame says how many. Events (Gap, Error, Closed...) are always kept.
    /// </summary>
    public int FrameBufferCapacity { get; init; } = 16_384;

    /// <summary>Bytes of the client-to-proxy command ring; one send can carry at most about a quarter of it.</summary>
    public int CommandRingCapacity { get; init; } = 4 << 20;

    /// <summary>
    /// How long the proxy may hold its lease without stamping a heartbeat before it is taken for hung: a client then
    /// terminates it (after checking that it is this user's proxy of this instance, still holding its lease) and
    /// recovers as when the proxy dies: a new proxy, connections and subscriptions restored. Shorter silences
    /// (from 5 s on) are reported as an Error and, when the proxy stamps again, a
    /// Gap. <see cref="Timeout.InfiniteTimeSpan"/> never terminates a proxy. The same for every client of an
    /// instance in a process.
    /// </summary>
    public TimeSpan HungProxyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Receives the original's events; optional.</summary>
    public IWebsocketProxyCallback? Callback { get; init; }

    /// <summary>Where the client library logs; optional.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>
    /// The platform layer of the shared-memory transport (<see cref="Ipc.IpcBackend"/>); when <see langword="null"/>, the
    /// <c>WEBSOCKET_PROXY_IPC_BACKEND</c> environment variable, else native. A proxy this client starts is told to use
    /// the same one; a proxy of the instance already running on the other back-end fails the connect with an error
    /// saying so. The same for every client of an instance in a process.
    /// </summary>
    public IpcBackend? IpcBackend { get; init; }

    /// <summary><see cref="IpcBackend"/> resolved against the environment.</summary>
    internal IpcBackend Backend => IpcBackendSelection.Resolve(IpcBackend);

    /// <summary>The clock for timeouts and outage durations.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
