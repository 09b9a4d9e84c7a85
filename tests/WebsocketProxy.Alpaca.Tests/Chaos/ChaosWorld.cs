using System.Diagnostics;
using System.Globalization;
using WebsocketProxy.Alpaca.Simulator;
using WebsocketProxy.Alpaca.Tests.Integration;
using WebsocketProxy.Client;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Alpaca.Tests.Chaos;

/// <summary>
/// One chaos scenario's world, all real processes: an upstream (the simulator, in this process or as its own
/// process), a proxy instance of its own, and strategy processes streaming through it. Every wait is bounded and
/// fails with everything the processes printed; disposing resumes, stops and kills whatever was started.
/// </summary>
internal sealed class ChaosWorld : IAsyncDisposable
{
    public const string StrategyName = "test-strategy";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly string[] Symbols = ["AAPL", "MSFT", "AMZN", "NVDA", "TSLA", "GOOGL", "META", "SPY"];
    private readonly List<ChaosStrategy> _started = [];
    private readonly List<ChaosStrategy> _live = [];
    private readonly HashSet<int> _proxyPids = [];
    private readonly AlpacaMarketSimulator? _simulator;
    private readonly SimulatorProcess? _simulatorProcess;
    private Process? _proxy;
    private ProcessOutput? _proxyOutput;

    private ChaosWorld(ChaosSetup setup, AlpacaMarketSimulator? simulator, SimulatorProcess? simulatorProcess)
    {
        Setup = setup;
        _simulator = simulator;
        _simulatorProcess = simulatorProcess;
    }

    public ChaosSetup Setup { get; }

    /// <summary>The pid of the proxy the test started (<see cref="ChaosSetup.RingSize"/>), if any.</summary>
    public int? StartedProxyPid => _proxy?.Id;

    public string Instance { get; } = "c" + Guid.NewGuid().ToString("N")[..12];

    public string LogFile => Path.Combine(Path.GetTempPath(), $"wsproxy-chaos-{Instance}.log");

    /// <summary>The in-process simulator: its faults and counters.</summary>
    public AlpacaMarketSimulator Simulator => _simulator ?? throw new InvalidOperationException("This scenario runs the simulator as a process.");

    /// <summary>The simulator as a real process (<see cref="ChaosSetup.SimulatorAsProcess"/>).</summary>
    public SimulatorProcess SimulatorProcess => _simulatorProcess ?? throw new InvalidOperationException("This scenario runs the simulator in the test process.");

    /// <summary>The strategies still running (a killed one leaves this list).</summary>
    public IReadOnlyList<ChaosStrategy> Strategies => _live;

    private Uri BaseUri => _simulator?.BaseUri ?? SimulatorProcess.BaseUri;

    private AlpacaCredentials Credentials => _simulator is { } s ? new AlpacaCredentials(s.Credentials.KeyId, s.Credentials.Secret) : SimulatorProcess.Credentials;

    /// <summary>Starts the upstream, the proxy when the setup wants it started by the test, and the strategies; returns once each streams.</summary>
    public static async Task<ChaosWorld> StartAsync(ChaosSetup setup)
    {
        var market = setup.Simulator;
        var world = setup.SimulatorAsProcess
            ? new ChaosWorld(setup, null, await SimulatorProcess.StartAsync(
                "--time-scale", market.TimeScale.ToString(CultureInfo.InvariantCulture),
                "--trades-per-second", market.TradesPerSecond.ToString(CultureInfo.InvariantCulture)))
            : new ChaosWorld(setup, await AlpacaMarketSimulator.StartAsync(market), null);
        try
        {
            if (setup.RingSize is { } ringSize)
            {
                await world.StartProxyAsync(ringSize);
            }

            await Task.WhenAll(Symbols.Take(setup.Strategies).Select(world.StartStrategyAsync));
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a strategy process streaming <paramref name="symbol"/>'s trades; returns once it has one.</summary>
    public async Task<ChaosStrategy> StartStrategyAsync(string symbol)
    {
        var strategy = StartStrategy(symbol);
        await strategy.Process.WaitForLineAsync("CONNECTED");
        await strategy.FreshTradeAsync(0);
        return strategy;
    }

    /// <summary>Starts a strategy process streaming <paramref name="symbol"/>'s trades, without waiting for anything.</summary>
    public ChaosStrategy StartStrategy(string symbol)
    {
        var arguments = new Dictionary<string, string>
        {
            ["instance"] = Instance,
            ["proxy"] = StrategyProcess.PathOf("ProxyPath"),
            ["base"] = BaseUri.ToString(),
            ["key"] = Credentials.KeyId,
            ["secret"] = Credentials.Secret,
            ["symbol"] = symbol,
            ["channel"] = "trades",
            ["count"] = "0",
            ["log"] = LogFile,
            ["retry-406"] = Setup.RetryOnConnectionLimit ? "true" : "false",
            ["format"] = IntegrationContext.WireFormat.ToString(),
        };
        if (Setup.ReconnectBackoff is { } backoff)
        {
            arguments["backoff-ms"] = backoff.Initial.TotalMilliseconds.ToString(CultureInfo.InvariantCulture);
            arguments["max-backoff-ms"] = backoff.Max.TotalMilliseconds.ToString(CultureInfo.InvariantCulture);
        }

        if (Setup.StallAfter is { } stall)
        {
            arguments["stall-after"] = stall.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        }

        if (Setup.HungProxyTimeout is { } hung)
        {
            arguments["hung-after"] = hung.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        }

        var strategy = new ChaosStrategy(StrategyProcess.Start(arguments), symbol);
        lock (_started)
        {
            _started.Add(strategy);
            _live.Add(strategy);
        }

        return strategy;
    }

    /// <summary>kill -9 of a strategy; it leaves <see cref="Strategies"/>.</summary>
    public async Task KillStrategyAsync(ChaosStrategy strategy)
    {
        await strategy.Process.KillAsync();
        lock (_started)
        {
            _live.Remove(strategy);
        }
    }

    /// <summary>What <c>websocket-proxy status</c> prints now, from a short-lived client that never starts a proxy.</summary>
    public async Task<ProxyStatus> StatusAsync()
    {
        var options = WebsocketProxyClientOptions.Default with { Name = "chaos-status", Instance = Instance, StartProxy = false, StartTimeout = TimeSpan.FromSeconds(10) };
        await using var client = await WebsocketProxyClient.ConnectAsync(options);
        var status = ProxyStatus.Parse(await client.GetStatusAsync());
        lock (_proxyPids)
        {
            _proxyPids.Add(status.Pid);
        }

        return status;
    }

    /// <summary>Asks the proxy's status until <paramref name="condition"/> holds; fails with the last status and every output.</summary>
    public async Task<ProxyStatus> WaitForStatusAsync(Func<ProxyStatus, bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        ProxyStatus? last = null;
        while (deadline.Elapsed < Timeout)
        {
            last = await StatusAsync();
            if (condition(last))
            {
                return last;
            }

            // A state poll, not a synchronising sleep: the proxy's counts move on their own heartbeats.
            await Task.Delay(50);
        }

        throw new TimeoutException($"The proxy never reached: {what}. Last status:\n{last?.Text}\n{Describe()}");
    }

    /// <summary>Asks the simulator process's control interface for its status until <paramref name="condition"/> holds.</summary>
    public async Task<System.Text.Json.JsonElement> WaitForSimulatorProcessAsync(Func<System.Text.Json.JsonElement, bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        System.Text.Json.JsonElement? last = null;
        while (deadline.Elapsed < Timeout)
        {
            last = await SimulatorProcess.StatusAsync();
            if (condition(last.Value))
            {
                return last.Value;
            }

            // A state poll, not a synchronising sleep: the simulator's counts move as the proxy reconnects.
            await Task.Delay(50);
        }

        throw new TimeoutException($"The simulator never reached: {what}. Last status: {last}\n{Describe()}");
    }

    /// <summary>Waits on the in-process simulator's counters; fails with every output.</summary>
    public async Task WaitForSimulatorAsync(Func<AlpacaSimulatorCounters, bool> condition, string what)
    {
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await Simulator.Counters.WaitUntilAsync(condition, cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The simulator never reached: {what}.\n{Describe()}");
        }
    }

    /// <summary>Every process's output and the proxy's log, for failure messages.</summary>
    public string Describe()
    {
        ChaosStrategy[] started;
        lock (_started)
        {
            started = [.. _started];
        }

        var text = new System.Text.StringBuilder();
        foreach (var strategy in started)
        {
            // Its events in full; its data lines counted (thousands of them would bury the events).
            var lines = strategy.Process.Seen;
            var events = lines.Select((line, index) => $"{index}: {line}").Where(l => !l.Contains(": TRADE ", StringComparison.Ordinal));
            text.AppendLine(CultureInfo.InvariantCulture, $"--- strategy {strategy.Symbol}, pid {strategy.Pid} ({(_live.Contains(strategy) ? "live" : "killed")}): {lines.Count} lines, {lines.Count(l => l.StartsWith("TRADE", StringComparison.Ordinal))} trades; the others:");
            text.AppendLine(string.Join(Environment.NewLine, events));
            text.AppendLine(CultureInfo.InvariantCulture, $"stderr: {string.Join(Environment.NewLine, strategy.Process.Errors)}");
        }

        if (_simulatorProcess is not null)
        {
            text.AppendLine("--- " + _simulatorProcess.Describe());
        }

        if (_proxyOutput is not null)
        {
            text.AppendLine("--- proxy started by the test:" + _proxyOutput.Describe());
        }

        text.AppendLine("--- proxy log:");
        text.AppendLine(File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(none)");
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        ChaosStrategy[] started;
        lock (_started)
        {
            started = [.. _started];
        }

        // A scenario that failed half-way may have left a process stopped: resume everything before stopping it.
        int[] proxies;
        lock (_proxyPids)
        {
            proxies = [.. _proxyPids];
        }

        if (OperatingSystem.IsLinux())
        {
            foreach (var pid in proxies.Concat(started.Where(s => !s.Process.HasExited).Select(s => s.Pid)))
            {
                ProcessSignals.TryContinue(pid);
            }
        }

        foreach (var strategy in started)
        {
            await strategy.Process.DisposeAsync();
        }

        KillProxies(proxies);
        if (_proxy is not null)
        {
            _proxy.Kill(entireProcessTree: false);
            await _proxy.WaitForExitAsync();
            _proxy.Dispose();
        }

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        if (_simulatorProcess is not null)
        {
            await _simulatorProcess.DisposeAsync();
        }

        File.Delete(LogFile);
    }

    /// <summary>
    /// The proxy as its own process with a ring of <paramref name="ringSize"/> bytes; returns once it runs. Its grace
    /// period outlasts slow strategy starts (a proxy that left before the first client came would be replaced by
    /// one with the default ring); disposing kills it.
    /// </summary>
    private async Task StartProxyAsync(int ringSize)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[StrategyProcess.PathOf("ProxyPath"), "run", "--instance", Instance, "--grace-period", "60", "--ring-size", ringSize.ToString(CultureInfo.InvariantCulture), "--log-level", "Debug", "--log-file", LogFile])
        {
            start.ArgumentList.Add(argument);
        }

        _proxy = Process.Start(start) ?? throw new InvalidOperationException("Could not start websocket-proxy.");
        _proxyOutput = new ProcessOutput(_proxy, $"websocket-proxy {_proxy.Id}");
        await _proxyOutput.WaitForLineAsync(line => line.Contains($"Proxy instance {Instance} started", StringComparison.Ordinal), Timeout);
    }

    /// <summary>
    /// Proxies the strategies started (they detach) normally leave 1 s after the last client; a scenario that
    /// failed may have left one frozen or held: kill what still runs as this world's instance.
    /// </summary>
    private void KillProxies(int[] pids)
    {
        foreach (var pid in pids)
        {
            try
            {
                // Elsewhere than Linux the pid alone is trusted: it was this world's proxy moments ago.
                if (!OperatingSystem.IsLinux() || ProcFs.ReadText(pid, "cmdline").Contains(Instance, StringComparison.Ordinal))
                {
                    ProcessSignals.Kill(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
            {
                // Gone already.
            }
        }
    }
}
