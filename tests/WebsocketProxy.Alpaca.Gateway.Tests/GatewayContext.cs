using System.Reflection;
using WebsocketProxy.Alpaca.Simulator;
using WebsocketProxy.Client;

namespace WebsocketProxy.Alpaca.Gateway.Tests;

/// <summary>
/// One test's world: a real simulator on an ephemeral port, a gateway on another in front of it, and a proxy
/// instance of the test's own (so tests never share a proxy or shared memory); all removed when the test ends.
/// </summary>
internal sealed class GatewayContext : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    private GatewayContext(AlpacaMarketSimulator simulator) => Simulator = simulator;

    public AlpacaMarketSimulator Simulator { get; }

    public AlpacaGateway Gateway { get; private set; } = null!;

    public string Instance { get; } = "g" + Guid.NewGuid().ToString("N")[..12];

    public string LogFile => Path.Combine(Path.GetTempPath(), $"wsproxy-test-{Instance}.log");

    public string ProxyLog => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no proxy log)";

    public string Key => Simulator.Credentials.KeyId;

    public string Secret => Simulator.Credentials.Secret;

    public static string ProxyPath { get; } =
        typeof(GatewayContext).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProxyPath").Value!;

    /// <summary>A simulator with frequent data (a bar every real second, many trades and quotes), and a gateway in front of it.</summary>
    public static async Task<GatewayContext> StartAsync(
        Func<AlpacaSimulatorOptions, AlpacaSimulatorOptions>? simulator = null,
        Func<AlpacaGatewayOptions, AlpacaGatewayOptions>? gateway = null)
    {
        var simulatorOptions = AlpacaSimulatorOptions.Default with { TimeScale = 60, TradesPerSecond = 20, QuotesPerSecond = 20, NewsInterval = TimeSpan.FromMilliseconds(500) };
        var context = new GatewayContext(await AlpacaMarketSimulator.StartAsync(simulator?.Invoke(simulatorOptions) ?? simulatorOptions));
        try
        {
            var options = context.GatewayOptions();
            context.Gateway = await AlpacaGateway.StartAsync(gateway?.Invoke(options) ?? options);
            return context;
        }
        catch
        {
            await context.DisposeAsync();
            throw;
        }
    }

    public AlpacaGatewayOptions GatewayOptions() => AlpacaGatewayOptions.Default with
    {
        Port = 0,
        Upstream = Simulator.BaseUri,
        Proxy = WebsocketProxyClientOptions.Default with
        {
            Name = "gateway-test",
            Instance = Instance,
            ProxyPath = ProxyPath,
            ProxyGracePeriod = TimeSpan.FromSeconds(1),
            ProxyLogFile = LogFile,
            ProxyLogLevel = Microsoft.Extensions.Logging.LogLevel.Debug,
        },
        UpstreamSettings = AlpacaProxyOptions.Default with
        {
            ReconnectInitialBackoff = TimeSpan.FromMilliseconds(50),
            ReconnectMaxBackoff = TimeSpan.FromMilliseconds(200),
        },
    };

    /// <summary>The gateway's URL of an Alpaca path such as <c>v2/iex</c>.</summary>
    public Uri Url(string path) => new(Gateway.Uri, path);

    /// <summary>A raw client connected to <paramref name="path"/>, disposed with the context.</summary>
    public async Task<RawClient> ConnectAsync(string path = "v2/iex", bool messagePack = true, IReadOnlyDictionary<string, string>? headers = null)
    {
        var client = await RawClient.ConnectAsync(Url(path), messagePack, headers);
        _owned.Add(client);
        return client;
    }

    /// <summary>A raw client connected and authenticated with the simulator's key (or the given one).</summary>
    public async Task<RawClient> ConnectAuthenticatedAsync(string path = "v2/iex", bool messagePack = true)
    {
        var client = await ConnectAsync(path, messagePack);
        await client.ExpectAsync("success", "connected");
        await client.SendAsync(new { action = "auth", key = Key, secret = Secret });
        await client.ExpectAsync("success", "authenticated");
        return client;
    }

    public async Task WaitUntilAsync(Func<AlpacaSimulatorCounters, bool> condition, string what, int seconds = 30)
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

        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        await Simulator.DisposeAsync();
        WebsocketProxy.Tests.Shared.InstanceFiles.RemoveWhenIdle(Instance);
    }
}
