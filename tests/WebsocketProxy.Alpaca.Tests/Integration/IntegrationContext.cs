using WebsocketProxy.Alpaca.Simulator;
using WebsocketProxy.Client;

namespace WebsocketProxy.Alpaca.Tests.Integration;

/// <summary>
/// One test's world: a real simulator on an ephemeral port, its own proxy instance (so tests never share a
/// proxy or shared memory), and strategy processes that are stopped when the test ends.
/// </summary>
internal sealed class IntegrationContext : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    private IntegrationContext(AlpacaMarketSimulator simulator)
    {
        Simulator = simulator;
        Credentials = new AlpacaCredentials(simulator.Credentials.KeyId, simulator.Credentials.Secret);
    }

    public AlpacaMarketSimulator Simulator { get; }

    public AlpacaCredentials Credentials { get; }

    public string Instance { get; } = "a" + Guid.NewGuid().ToString("N")[..12];

    public string LogFile => Path.Combine(Path.GetTempPath(), $"wsproxy-test-{Instance}.log");

    public string ProxyLog => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no proxy log)";

    /// <summary>A bar every simulated minute = every real second; several trades and quotes a second.</summary>
    public static async Task<IntegrationContext> StartAsync(AlpacaSimulatorOptions? options = null) =>
        new(await AlpacaMarketSimulator.StartAsync(options ?? AlpacaSimulatorOptions.Default with { TimeScale = 60, TradesPerSecond = 5 }));

    public AlpacaProxyOptions Options(string name) => AlpacaProxyOptions.Default with
    {
        BaseAddress = Simulator.BaseUri,
        Proxy = WebsocketProxyClientOptions.Default with
        {
            Name = name,
            Instance = Instance,
            ProxyPath = StrategyProcess.PathOf("ProxyPath"),
            ProxyGracePeriod = TimeSpan.FromSeconds(1),
            ProxyLogFile = LogFile,
            ProxyLogLevel = Microsoft.Extensions.Logging.LogLevel.Debug,
        },
        ReconnectInitialBackoff = TimeSpan.FromMilliseconds(50),
        ReconnectMaxBackoff = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>An <see cref="AlpacaProxy"/> (its stocks connection open) disposed with the context.</summary>
    public async Task<AlpacaProxy> ConnectAsync(string name, AlpacaCredentials? credentials = null)
    {
        var proxy = await AlpacaProxy.ConnectAsync(credentials ?? Credentials, Options(name));
        _owned.Add(proxy);
        return proxy;
    }

    public StrategyProcess StartStrategy(string symbol, int count, string channel = "bars", AlpacaCredentials? credentials = null)
    {
        credentials ??= Credentials;
        var process = StrategyProcess.Start(new Dictionary<string, string>
        {
            ["instance"] = Instance,
            ["proxy"] = StrategyProcess.PathOf("ProxyPath"),
            ["base"] = Simulator.BaseUri.ToString(),
            ["key"] = credentials.KeyId,
            ["secret"] = credentials.Secret,
            ["auth"] = credentials.Mode.ToString(),
            ["symbol"] = symbol,
            ["channel"] = channel,
            ["count"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        _owned.Add(process);
        return process;
    }

    /// <summary>What one upstream connection of the simulator received (auth masked), oldest first.</summary>
    public IReadOnlyList<string> Received(int connection = 0) => Simulator.Counters.Connections[connection].ReceivedMessages;

    public async Task WaitUntilAsync(Func<AlpacaSimulatorCounters, bool> condition, string what, int seconds = 20)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await Simulator.Counters.WaitUntilAsync(condition, cts.Token);
        }
        catch (OperationCanceledException)
        {
            var received = string.Join(" | ", Simulator.Counters.Connections.SelectMany(c => c.ReceivedMessages));
            throw new TimeoutException($"Simulator never reached: {what}. Received: [{received}]. Proxy log:\n{ProxyLog}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        await Simulator.DisposeAsync();
        WebsocketProxy.Tests.Shared.InstanceFiles.RemoveWhenIdle(Instance);
    }
}
