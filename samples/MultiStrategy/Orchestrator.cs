using Spectre.Console;
using WebsocketProxy.Alpaca;
using WebsocketProxy.Alpaca.Simulator;

namespace MultiStrategy;

/// <summary>
/// The parent process: starts the embedded simulator (or picks real Alpaca when keys are set), starts one OS
/// process per strategy, shows the dashboard until the duration ends or Ctrl-C, then stops everything.
/// </summary>
internal static class Orchestrator
{
    private static readonly string[] Kinds = ["sma-crossover", "vwap-deviation", "spread-monitor"];

    /// <summary>How long the strategies may take to stream before the duration starts anyway.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(SampleSettings settings, CancellationToken cancellationToken)
    {
        var credentials = AlpacaCredentials.FromEnvironment();
        await using var simulator = credentials is null ? await StartSimulatorAsync(settings, cancellationToken) : null;

        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { [StrategyWorker.InstanceVariable] = settings.Instance };
        string upstream;
        if (simulator is not null)
        {
            var url = simulator.GetUri(AlpacaSimulatorFeed.Iex);
            upstream = $"embedded simulator {url}";
            environment[StrategyWorker.UrlVariable] = url.ToString();
            environment[StrategyWorker.BaseVariable] = simulator.BaseUri.ToString();
            // The simulator's market clock runs TimeScale times faster than the wall clock: give the strategies
            // one (wall, market) pair read at the same instant so they can turn timestamps into real latency.
            var wall = DateTimeOffset.UtcNow;
            var market = simulator.MarketTime;
            environment[MarketClock.Variable] = new MarketClock(wall, market, settings.TimeScale).ToString();
        }
        else
        {
            upstream = $"real Alpaca, feed {settings.Feed}";
            environment[StrategyWorker.FeedVariable] = settings.Feed;
        }

        AnsiConsole.MarkupLine($"[bold]Starting {settings.Strategies} strategy processes[/] on {Markup.Escape(upstream)}");
        var strategies = new List<StrategyProcess>();
        var forChildren = simulator is null ? null : new AlpacaCredentials(simulator.Credentials.KeyId, simulator.Credentials.Secret);
        try
        {
            for (var i = 0; i < settings.Strategies; i++)
            {
                var kind = Kinds[i % Kinds.Length];
                // Real keys are already in this user's environment, which the strategies inherit; the simulator's
                // go down a pipe, so they never sit in a process environment (readable in /proc while it runs).
                strategies.Add(StrategyProcess.Start(kind, $"{kind}-{(i / Kinds.Length) + 1}", settings.Symbols, environment, forChildren));
            }

            // Order followers trade: simulated orders by default, a real account's paper orders only when asked for.
            var followers = simulator is not null || settings.PaperOrders ? settings.OrderFollowers : 0;
            for (var i = 0; i < followers; i++)
            {
                strategies.Add(StrategyProcess.Start("order-follower", $"order-follower-{i + 1}", settings.Symbols, environment, forChildren));
            }

            var dashboard = new Dashboard(
                upstream,
                () => simulator is null ? 1 : (int)simulator.Counters.ConnectionsCurrent,
                () => simulator is null ? 0 : Math.Max(0, simulator.Counters.ConnectionsSeen - 1));
            await ShowAsync(dashboard, strategies, settings.Duration, cancellationToken);
        }
        finally
        {
            await Task.WhenAll(strategies.Select(s => s.DisposeAsync().AsTask()));
        }

        var reports = strategies.Select(s => s.Latest).ToList();
        AnsiConsole.WriteLine();
        AnsiConsole.MarkupLine("[bold]Summary[/]");

        // Plain Console: Spectre.Console would wrap these long lines at 80 columns when output is redirected.
        Console.Out.WriteLine(Dashboard.Summarize(reports));
        if (simulator is not null)
        {
            AnsiConsole.MarkupLine($"Upstream connections opened to the simulator during the run: [bold]{simulator.Counters.ConnectionsSeen}[/]");
            AnsiConsole.MarkupLine($"Trading connections opened to the simulator during the run: [bold]{simulator.Counters.TradingConnectionsSeen}[/]");
        }

        AnsiConsole.MarkupLine("The proxy leaves by itself after its grace period.");
        return reports.All(r => r.Fault is null && r.Messages > 0) ? 0 : 1;
    }

    private static Task<AlpacaMarketSimulator> StartSimulatorAsync(SampleSettings settings, CancellationToken cancellationToken) =>
        AlpacaMarketSimulator.StartAsync(
            AlpacaSimulatorOptions.Default with
            {
                TradesPerSecond = settings.TradesPerSecond,
                QuotesPerSecond = settings.TradesPerSecond * 2,
                TimeScale = settings.TimeScale,
                StockUniverse = settings.Symbols,
            },
            cancellationToken);

    private static async Task ShowAsync(Dashboard dashboard, List<StrategyProcess> strategies, TimeSpan duration, CancellationToken cancellationToken)
    {
        // The duration counts from when every strategy streams: starting several processes (and the proxy) can take
        // longer than a short run on a busy machine, and a run that ended before they streamed would show nothing.
        AnsiConsole.MarkupLine($"Waiting for every strategy to stream (at most {StartTimeout.TotalSeconds:0} s) before the {duration.TotalSeconds:0} s run.");
        try
        {
            await Task.WhenAll(strategies.Select(s => s.Streaming)).WaitAsync(StartTimeout, TimeProvider.System, cancellationToken);
        }
        catch (TimeoutException)
        {
            AnsiConsole.MarkupLine($"[yellow]Not every strategy streams after {StartTimeout.TotalSeconds:0} s; running anyway.[/]");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C while starting: straight to the summary.
            return;
        }

        var started = TimeProvider.System.GetTimestamp();
        var interactive = AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;
        var refresh = TimeSpan.FromMilliseconds(interactive ? 250 : 5000);

        async Task LoopAsync(Action<TimeSpan> render)
        {
            try
            {
                while (true)
                {
                    // The last wait ends at the duration, not at the next refresh: redirected output refreshes every
                    // 5 s and would otherwise run up to that much past --duration.
                    var remaining = duration - TimeProvider.System.GetElapsedTime(started);
                    var last = remaining <= refresh;
                    await Task.Delay(last ? TimeSpan.FromTicks(Math.Max(0, remaining.Ticks)) : refresh, TimeProvider.System, cancellationToken);
                    render(TimeProvider.System.GetElapsedTime(started));
                    if (last)
                    {
                        return;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl-C: fall through to the summary.
            }
        }

        if (interactive)
        {
            await AnsiConsole.Live(dashboard.Render([], TimeSpan.Zero, duration)).StartAsync(context =>
                LoopAsync(elapsed => context.UpdateTarget(dashboard.Render([.. strategies.Select(s => s.Latest)], elapsed, duration))));
        }
        else
        {
            await LoopAsync(elapsed => Console.Out.WriteLine(dashboard.RenderPlain([.. strategies.Select(s => s.Latest)], elapsed, duration)));
        }
    }
}
