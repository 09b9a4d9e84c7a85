using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using WebsocketProxy.Alpaca.Simulator;
using WebsocketProxy.Client;

namespace WebsocketProxy.Benchmarks.Soak;

/// <summary>
/// <c>soak [--rate 100000] [--clients 4] [--duration 10m] [--churn 2s] [--restart-every 30s]</c>: the simulator makes
/// <c>--rate</c> trades a second over 8 symbols; N strategy processes (<see cref="SoakPeer"/>) stream every trade
/// through one proxy while each subscribes and unsubscribes a symbol's quotes every <c>--churn</c>; every
/// <c>--restart-every</c> one client is restarted in turn, by kill -9 and by a clean exit alternately. Prints what
/// was sent and received, the losses the clients were told of (Gap counts), reconnects, and the resident memory of
/// the proxy and the clients at the start and the end, as markdown.
/// </summary>
internal static partial class SoakHarness
{
    public const string Verb = "soak";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = args.Select((value, index) => (value, index)).Where(a => a.index % 2 == 0 && a.index + 1 < args.Length).ToDictionary(a => a.value, a => args[a.index + 1]);
        var rate = double.Parse(options.GetValueOrDefault("--rate", "100000"), CultureInfo.InvariantCulture);
        var clients = int.Parse(options.GetValueOrDefault("--clients", "4"), CultureInfo.InvariantCulture);
        var duration = ParseDuration(options.GetValueOrDefault("--duration", "10m"));
        var churn = ParseDuration(options.GetValueOrDefault("--churn", "2s"));
        var restartEvery = ParseDuration(options.GetValueOrDefault("--restart-every", "30s"));
        var proxyPath = typeof(SoakHarness).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProxyPath").Value!;

        string[] symbols = ["AAPL", "MSFT", "AMZN", "NVDA", "TSLA", "GOOGL", "META", "SPY"];
        var market = AlpacaSimulatorOptions.Default with
        {
            StockUniverse = symbols,
            TradesPerSecond = rate / symbols.Length,
            QuotesPerSecond = 10,
        };
        await using var simulator = await AlpacaMarketSimulator.StartAsync(market);
        var instance = "soak" + Guid.NewGuid().ToString("N")[..8];
        var slots = Enumerable.Range(0, clients).Select(_ => new SoakClient(() => StartPeer(simulator, instance, proxyPath, symbols, churn))).ToArray();
        try
        {
            foreach (var slot in slots)
            {
                // One at a time: the first starts the proxy and the upstream connection, the others join.
                await slot.StartAsync();
            }

            var proxyPid = await ProxyPidAsync(instance);
            var rssStart = (Proxy: Rss(proxyPid), Clients: slots.Select(s => Rss(s.Pid)).ToArray());
            // The clients counted from their own start: what they had at this point is left out of the figures (their
            // counts are their last once-a-second reports, so this start is a second fuzzy; nothing over ten minutes).
            var sentAtStart = simulator.Counters.MessagesSent;
            var countedAtStart = slots.Select(s => s.Totals).ToArray();
            var clock = Stopwatch.StartNew();
            Console.Error.WriteLine($"soak: {clients} clients, {rate:N0} trades/s, {duration}, proxy pid {proxyPid}");
            var next = 0;
            var nextRestart = restartEvery;
            while (clock.Elapsed < duration)
            {
                // A one-second beat: a client whose process ended by itself is started again at once.
                await Task.Delay(Min(TimeSpan.FromSeconds(1), duration - clock.Elapsed));
                foreach (var failed in slots.Where(s => s.HasFailed))
                {
                    await failed.ReviveAsync();
                    Console.Error.WriteLine($"soak: {clock.Elapsed:mm\\:ss} a client's process ended by itself; started another");
                }

                if (clock.Elapsed >= nextRestart && clock.Elapsed < duration)
                {
                    await slots[next % slots.Length].RestartAsync(kill: next % 2 == 0);
                    next++;
                    nextRestart += restartEvery;
                    Console.Error.WriteLine($"soak: {clock.Elapsed:mm\\:ss} restarted a client; upstream sent {simulator.Counters.MessagesSent - sentAtStart:N0}");
                }
            }

            var elapsed = clock.Elapsed;
            var sent = simulator.Counters.MessagesSent - sentAtStart;
            var endPid = await ProxyPidAsync(instance);
            var rssEnd = (Proxy: Rss(endPid), Clients: slots.Select(s => Rss(s.Pid)).ToArray());
            foreach (var slot in slots)
            {
                await slot.StopAsync(kill: false);
            }

            var totals = slots.Select((s, i) => s.Totals.Zip(countedAtStart[i], (end, start) => end - start).ToArray()).ToArray();
            long Sum(int field) => totals.Sum(t => t[field]);
            Console.Out.WriteLine($"Soak: {clients} clients, {duration.TotalSeconds:0} s, target {rate:N0} trades/s over {symbols.Length} symbols, churn every {churn.TotalSeconds:0.#} s, a client restart every {restartEvery.TotalSeconds:0} s.");
            Console.Out.WriteLine();
            Console.Out.WriteLine("| upstream msg/s | messages sent | trades received (all clients) | quotes received | loss reports (Gap) | frames lost (Gap counts) | reconnects | upstream connections | client restarts | clients failed | stream overflows (reopened) | churns | proxy RSS MB start → end | client RSS MB start → end |");
            Console.Out.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
            Console.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {sent / elapsed.TotalSeconds:N0} | {sent:N0} | {Sum(SoakStats.Trades):N0} | {Sum(SoakStats.Quotes):N0} | {Sum(SoakStats.Gaps)} | {Sum(SoakStats.Lost):N0} | {Sum(SoakStats.Reconnects)} | {simulator.Counters.ConnectionsSeen} | {slots.Sum(s => s.Restarts)} | {slots.Sum(s => s.Failures)} | {Sum(SoakStats.Overflows)} | {Sum(SoakStats.Churns)} | {rssStart.Proxy:0} → {rssEnd.Proxy:0}{(endPid == proxyPid ? string.Empty : " (another proxy)")} | {string.Join(", ", rssStart.Clients.Select(r => r.ToString("0", CultureInfo.InvariantCulture)))} → {string.Join(", ", rssEnd.Clients.Select(r => r.ToString("0", CultureInfo.InvariantCulture)))} |"));
            return 0;
        }
        finally
        {
            foreach (var slot in slots)
            {
                slot.Dispose();
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary><c>10m</c>, <c>30s</c>, <c>1h</c>, or seconds.</summary>
    private static TimeSpan ParseDuration(string text) => text[^1] switch
    {
        'h' => TimeSpan.FromHours(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
        'm' => TimeSpan.FromMinutes(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
        's' => TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
        _ => TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture)),
    };

    /// <summary>Resident memory in MB from /proc (0 when the process is gone).</summary>
    private static double Rss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return 0;
        }
    }

    /// <summary>The running proxy's pid from its status; 0 when none answers (the table still gets printed).</summary>
    private static async Task<int> ProxyPidAsync(string instance)
    {
        try
        {
            var options = WebsocketProxyClientOptions.Default with { Name = "soak-status", Instance = instance, StartProxy = false };
            await using var client = await WebsocketProxyClient.ConnectAsync(options);
            var status = await client.GetStatusAsync();
            return int.Parse(ProxyPid().Match(status).Groups[1].Value, CultureInfo.InvariantCulture);
        }
        catch (WebsocketProxyException ex)
        {
            Console.Error.WriteLine("soak: no proxy answered its status: " + ex.Message);
            return 0;
        }
    }

    private static Process StartPeer(AlpacaMarketSimulator simulator, string instance, string proxyPath, string[] symbols, TimeSpan churn)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SoakHarness).Assembly.Location);
        }

        foreach (var argument in new[] { SoakPeer.Verb, simulator.BaseUri.ToString(), instance, proxyPath, simulator.Credentials.KeyId, simulator.Credentials.Secret, string.Join(',', symbols), churn.TotalSeconds.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    [GeneratedRegex(@"^proxy \S+: pid (\d+),")]
    private static partial Regex ProxyPid();
}
