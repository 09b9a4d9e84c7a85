using System.Reflection;
using Microsoft.Extensions.Logging;
using WebsocketProxy.Alpaca.Simulator;
using WebsocketProxy.Client;

namespace WebsocketProxy.Alpaca.Gateway.Tests.Sdk;

/// <summary>
/// One test's world: a real simulator on an ephemeral port, a gateway on another in front of it with its own proxy
/// instance (so tests never share a proxy or shared memory), and the official SDK's processes; all stopped, and the
/// instance's files removed, when the test ends.
/// </summary>
internal sealed class SdkWorld : IAsyncDisposable
{
    private readonly List<SdkProcess> _processes = [];
    private readonly SdkLog _log;
    private readonly ILoggerFactory _loggers;

    private SdkWorld(AlpacaMarketSimulator simulator, AlpacaGateway? gateway, string instance, SdkLog log, ILoggerFactory loggers)
    {
        _log = log;
        _loggers = loggers;
        Simulator = simulator;
        Gateway = gateway;
        Instance = instance;
    }

    public AlpacaMarketSimulator Simulator { get; }

    /// <summary>The gateway, or <see langword="null"/> in a world where the SDK talks to the simulator directly.</summary>
    public AlpacaGateway? Gateway { get; }

    public string Instance { get; }

    /// <summary>The key pair the simulator accepts.</summary>
    public AlpacaKeyPair Keys => Simulator.Credentials;

    public string ProxyLogFile => Path.Combine(Path.GetTempPath(), $"wsproxy-test-{Instance}.log");

    /// <summary>
    /// A bar every simulated minute = every real second, several trades and quotes a second, news twice a second.
    /// Through the gateway the simulator allows one connection per key and endpoint, as Alpaca does; directly, each
    /// SDK process needs its own.
    /// </summary>
    public static async Task<SdkWorld> StartAsync(bool throughGateway = true)
    {
        var instance = "g" + Guid.NewGuid().ToString("N")[..12];
        var log = new SdkLog();
        var loggers = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(log));
        var simulator = await AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with
        {
            TimeScale = 60,
            TradesPerSecond = 5,
            ConnectionsPerKey = throughGateway ? 1 : 16,
        });
        if (!throughGateway)
        {
            return new SdkWorld(simulator, null, instance, log, loggers);
        }

        try
        {
            var gateway = await AlpacaGateway.StartAsync(AlpacaGatewayOptions.Default with
            {
                Port = 0,
                Upstream = simulator.BaseUri,
                LoggerFactory = loggers,
                Proxy = WebsocketProxyClientOptions.Default with
                {
                    Name = "gateway-sdk-tests",
                    Instance = instance,
                    ProxyPath = typeof(SdkWorld).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProxyPath").Value!,
                    ProxyGracePeriod = TimeSpan.FromSeconds(1),
                    ProxyLogFile = Path.Combine(Path.GetTempPath(), $"wsproxy-test-{instance}.log"),
                    ProxyLogLevel = LogLevel.Debug,
                },
                UpstreamSettings = AlpacaProxyOptions.Default with
                {
                    ReconnectInitialBackoff = TimeSpan.FromMilliseconds(50),
                    ReconnectMaxBackoff = TimeSpan.FromMilliseconds(200),
                },
            });
            return new SdkWorld(simulator, gateway, instance, log, loggers);
        }
        catch
        {
            await simulator.DisposeAsync();
            loggers.Dispose();
            throw;
        }
    }

    /// <summary>Where an SDK process points its <c>url</c> option for an Alpaca path such as <c>/v2/iex</c>.</summary>
    public Uri UrlOf(string path) => new(Gateway?.Uri ?? Simulator.BaseUri, path);

    /// <summary>Starts an SDK process (stopped with the world) with the simulator's keys unless told otherwise.</summary>
    public SdkProcess Start(string name, string kind, string path, IReadOnlyDictionary<string, string[]> subscriptions, AlpacaKeyPair? keys = null)
    {
        var process = SdkProcess.Start(name, kind, UrlOf(path), subscriptions, keys ?? Keys, DescribeSimulator);
        _processes.Add(process);
        return process;
    }

    /// <summary>The simulator's connections on <paramref name="path"/> (the gateway's upstream connections, in a gateway world).</summary>
    public IReadOnlyList<SimulatorConnectionInfo> ConnectionsOn(string path) =>
        [.. Simulator.Counters.Connections.Where(c => c.Path == path)];

    /// <summary>Waits for a state of the simulator; fails after 30 s with what every connection received and the proxy's log.</summary>
    public async Task WaitForSimulatorAsync(Func<AlpacaSimulatorCounters, bool> condition, string what)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await Simulator.Counters.WaitUntilAsync(condition, cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The simulator never reached: {what}.{DescribeSimulator()}");
        }
    }

    /// <summary>Every simulator connection with what it received, and the proxy's log, for failure messages.</summary>
    public string DescribeSimulator()
    {
        var connections = Simulator.Counters.Connections.Select(c =>
            $"{Environment.NewLine}  #{c.Id} {c.Path} open={c.IsOpen} authenticated={c.IsAuthenticated} subscriptions=[{string.Join("; ", c.Subscriptions.Select(s => $"{s.Key}: {string.Join(",", s.Value)}"))}] received=[{string.Join(" | ", c.ReceivedMessages)}]");
        var log = File.Exists(ProxyLogFile) ? File.ReadAllText(ProxyLogFile) : "(no proxy log)";
        return $"{Environment.NewLine}Simulator connections:{string.Concat(connections)}{Environment.NewLine}Gateway log:{Environment.NewLine}{_log.Text}{Environment.NewLine}Proxy log:{Environment.NewLine}{log}";
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        await Simulator.DisposeAsync();
        _loggers.Dispose();
        WebsocketProxy.Tests.Shared.InstanceFiles.RemoveWhenIdle(Instance);
        try
        {
            File.Delete(ProxyLogFile);
        }
        catch (IOException)
        {
            // The proxy may still be writing its last lines; the temporary folder is cleaned eventually.
        }
    }
}
