using WebsocketProxy.Ipc;
using WebsocketProxy.Protocol;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Client.Tests;

/// <summary>Per-test proxy instance name, log file and clean-up: tests never share a proxy.</summary>
/// <param name="backend">The IPC back-end of the clients and the proxy they start; the environment's when null.</param>
internal sealed class ProxyTestContext(IpcBackend? backend = null) : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    public IpcBackend Backend { get; } = IpcBackendSelection.Resolve(backend);

    public string Instance { get; } = "t" + Guid.NewGuid().ToString("N")[..12];

    public string LogFile => Path.Combine(Path.GetTempPath(), $"wsproxy-test-{Instance}.log");

    public WebsocketProxyClientOptions ClientOptions(string name, double graceSeconds = 1) => WebsocketProxyClientOptions.Default with
    {
        Name = name,
        Instance = Instance,
        ProxyPath = TestClientProcess.PathOf("ProxyPath"),
        ProxyGracePeriod = TimeSpan.FromSeconds(graceSeconds),
        ProxyLogFile = LogFile,
        ProxyLogLevel = Microsoft.Extensions.Logging.LogLevel.Debug,
        IpcBackend = Backend,
    };

    public async Task<WebsocketProxyClient> ConnectAsync(string name, double graceSeconds = 1)
    {
        var client = await WebsocketProxyClient.ConnectAsync(ClientOptions(name, graceSeconds));
        _owned.Add(client);
        return client;
    }

    /// <summary>
    /// A client with a registration of its own, as a client of another process has: for tests that play several
    /// processes in one (every other client of an instance in this process shares one registration).
    /// </summary>
    public async Task<WebsocketProxyClient> ConnectIsolatedAsync(string name)
    {
        var client = await WebsocketProxyClient.ConnectAsync(ClientOptions(name), starter: null, isolated: true, CancellationToken.None);
        _owned.Add(client);
        return client;
    }

    public TestClientProcess StartProcess(string name)
    {
        var process = TestClientProcess.Start(Instance, name, LogFile, graceSeconds: 1, Backend);
        _owned.Add(process);
        return process;
    }

    public async Task<TestWebSocketServer> StartServerAsync()
    {
        var server = await TestWebSocketServer.StartAsync();
        _owned.Add(server);
        return server;
    }

    public bool ProxyRunning => Lease.IsHeld(ProxyNames.InstanceLease(Instance, Backend));

    /// <summary>The proxy's log, for failure messages.</summary>
    public string ProxyLog => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no proxy log)";

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        // The proxy lingers for its grace period; its lock files are removed once it has gone.
        InstanceFiles.RemoveWhenIdle(Instance, Backend);
    }
}
