using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace WebsocketProxy.Benchmarks.Proxy;

/// <summary>
/// <c>proxy-fanout [--clients 1,4,8] [--messages 100000] [--paced 2000] [--rate 1000] [--paths proxy,callback,typed,direct] [--runs 1]</c>
/// (also <c>typed-handler</c>: typed trades handed to a handler on the frame thread, no <c>await foreach</c>):
/// frames per second from a local WebSocket server through the proxy to N client processes, and the latency the proxy
/// adds (p50/p99) compared with each client holding its own direct connection, measured in the same run; with
/// <c>--runs</c> the paths take turns run after run and the table holds medians. Prints markdown.
/// </summary>
internal static class ProxyFanoutHarness
{
    public const string Verb = "proxy-fanout";

    private const int WarmupRounds = 5;
    private static readonly TimeSpan WarmupPause = TimeSpan.FromMilliseconds(300);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = args.Select((value, index) => (value, index)).Where(a => a.index % 2 == 0 && a.index + 1 < args.Length).ToDictionary(a => a.value, a => args[a.index + 1]);
        var clients = options.GetValueOrDefault("--clients", "1,4,8").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var messages = int.Parse(options.GetValueOrDefault("--messages", "100000"), CultureInfo.InvariantCulture);
        var paced = int.Parse(options.GetValueOrDefault("--paced", "2000"), CultureInfo.InvariantCulture);
        var rate = int.Parse(options.GetValueOrDefault("--rate", "1000"), CultureInfo.InvariantCulture);
        var runs = int.Parse(options.GetValueOrDefault("--runs", "1"), CultureInfo.InvariantCulture);
        var paths = options.GetValueOrDefault("--paths", "proxy,callback,typed,direct").Split(',');
        var proxyPath = typeof(ProxyFanoutHarness).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProxyPath").Value!;

        var results = new Dictionary<(int Clients, string Path), List<Measurement>>();
        var loadBefore = LoadAverage();
        for (var run = 1; run <= runs; run++)
        {
            foreach (var count in clients)
            {
                foreach (var mode in paths)
                {
                    var measurement = await MeasureAsync(mode, count, messages, paced, rate, proxyPath);
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: {count} {mode}: {measurement}"));
                    results.TryAdd((count, mode), []);
                    results[(count, mode)].Add(measurement);
                }
            }
        }

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Throughput phase: {messages} trades of ~150 B sent as fast as the server can; latency phase: {paced} trades paced at {rate}/s. Medians of {runs} run(s). Load average (1/5/15 min) {loadBefore} before, {LoadAverage()} after.");
        table.AppendLine();
        table.AppendLine("| clients | path | upstream connections | frames/s per client (min) | frames/s all clients | lost (flood) | p50 latency µs | p99 latency µs | allocated B/msg, flood / paced (reader process) | runs (frames/s all clients; p50 µs) |");
        table.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var ((count, mode), list) in results)
        {
            static double Mid(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);
            var perRun = string.Join(" / ", list.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.AllClients:N0}; {m.P50:0.0}")));
            table.AppendLine(CultureInfo.InvariantCulture, $"| {count} | {mode} | {list[0].Connections} | {Mid(list.Select(m => m.MinClient)):N0} | {Mid(list.Select(m => m.AllClients)):N0} | {list.Max(m => m.Lost)} | {Mid(list.Select(m => m.P50)):0.0} | {Mid(list.Select(m => m.P99)):0.0} | {Mid(list.Select(m => m.AllocatedPerMessage)):0.0} / {Mid(list.Select(m => m.AllocatedPerPacedMessage)):0.0} | {perRun} |");
        }

        table.AppendLine();
        table.AppendLine("Reader process CPU time per message (ns, on-CPU time of its threads: the client's frame pump, thread-pool workers, the rest), sleeps (voluntary context switches) per 1,000 messages, and garbage collections (gen0 / gen1 / gen2, pause ms) during the phase; medians, the slowest client's figure:");
        table.AppendLine();
        table.AppendLine("| clients | path | phase | pump ns | pool ns | other ns | total ns | pump sleeps /1k | pool sleeps /1k | GCs 0 / 1 / 2, pause ms |");
        table.AppendLine("|---:|---|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var ((count, mode), list) in results)
        {
            foreach (var (phase, pick) in new (string, Func<Measurement, ThreadFigures>)[] { ("flood", m => m.FloodCpu), ("paced", m => m.PacedCpu) })
            {
                static double Mid(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);
                var figures = list.Select(pick).ToArray();
                table.AppendLine(CultureInfo.InvariantCulture, $"| {count} | {mode} | {phase} | {Mid(figures.Select(f => f.PumpNs)):0} | {Mid(figures.Select(f => f.PoolNs)):0} | {Mid(figures.Select(f => f.OtherNs)):0} | {Mid(figures.Select(f => f.TotalNs)):0} | {Mid(figures.Select(f => f.PumpSleeps)):0.0} | {Mid(figures.Select(f => f.PoolSleeps)):0.0} | {Mid(figures.Select(f => f.Gen0)):0} / {Mid(figures.Select(f => f.Gen1)):0} / {Mid(figures.Select(f => f.Gen2)):0}, {Mid(figures.Select(f => f.PauseMs)):0.0} |");
            }
        }

        Console.Out.Write(table.ToString());
        return 0;
    }

    private static string LoadAverage() => string.Join('/', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static async Task<Measurement> MeasureAsync(string mode, int count, int messages, int paced, int rate, string proxyPath)
    {
        await using var server = await BenchServer.StartAsync();
        var instance = "bench" + Guid.NewGuid().ToString("N")[..8];
        var peers = Enumerable.Range(0, count).Select(_ => StartPeer(mode, server.Url, instance, proxyPath)).ToArray();
        try
        {
            foreach (var peer in peers)
            {
                await peer.WaitForAsync("ready");
            }

            if (mode.StartsWith("typed", StringComparison.Ordinal))
            {
                // A typed stream subscribes when first enumerated: wait for the (one, shared) upstream subscription,
                // then give the other processes' subscriptions, answered from the proxy's state, time to land.
                var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
                while (server.Subscribes == 0 && Stopwatch.GetTimestamp() < deadline)
                {
                    await Task.Delay(10);
                }

                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            // Warm-up, discarded, in rounds with pauses: tiered compilation promotes hot methods in the background about
            // 100 ms after the last new method ran, so one short burst left a flood measured on first-tier code
            // (measured: with tiering off the typed path ran 3-4x faster than after a single 20,000-trade warm-up).
            // A long-running strategy runs optimised code; so must every path here before it is measured.
            for (var round = 0; round < WarmupRounds; round++)
            {
                await server.RunPhaseAsync("warmup", Math.Min(messages, 20_000), 0);
                await Task.WhenAll(peers.Select(p => p.WaitForAsync("result warmup")));
                await Task.Delay(WarmupPause);
            }

            var connections = server.OpenCount;
            await server.RunPhaseAsync("throughput", messages, 0);
            var throughput = (await Task.WhenAll(peers.Select(p => p.WaitForAsync("result throughput")))).Select(Parse).ToArray();
            await server.RunPhaseAsync("latency", paced, rate);
            var latency = (await Task.WhenAll(peers.Select(p => p.WaitForAsync("result latency")))).Select(Parse).ToArray();
            await server.QuitAsync();

            var rates = throughput.Select(r => r.Count / Math.Max(r.Seconds, 1e-9)).ToArray();
            return new Measurement(
                connections,
                rates.Min(),
                rates.Sum(),
                throughput.Sum(r => r.Lost) + latency.Sum(r => r.Lost),
                latency.Max(r => r.P50),
                latency.Max(r => r.P99),
                throughput.Max(r => r.Allocated),
                latency.Max(r => r.Allocated),
                throughput.MaxBy(r => r.Cpu.TotalNs).Cpu,
                latency.MaxBy(r => r.Cpu.TotalNs).Cpu);
        }
        finally
        {
            foreach (var peer in peers)
            {
                peer.Dispose();
            }
        }
    }

    private static (long Count, double Seconds, double P50, double P99, long Lost, double Allocated, ThreadFigures Cpu) Parse(string line)
    {
        var parts = line.Split(' ');
        double At(int index) => double.Parse(parts[index], CultureInfo.InvariantCulture);
        return (long.Parse(parts[2], CultureInfo.InvariantCulture), At(3), At(4), At(5), long.Parse(parts[6], CultureInfo.InvariantCulture), At(7),
            new ThreadFigures(At(8), At(9), At(10), At(11), At(12), At(13), At(14), At(15), At(16), At(17)));
    }

    private static Peer StartPeer(string mode, Uri url, string instance, string proxyPath)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ProxyFanoutHarness).Assembly.Location);
        }

        foreach (var argument in new[] { ProxyPeer.Verb, mode, url.ToString(), instance, proxyPath })
        {
            start.ArgumentList.Add(argument);
        }

        return new Peer(Process.Start(start)!);
    }

    private sealed class Peer(Process process) : IDisposable
    {
        public async Task<string> WaitForAsync(string prefix)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }

            throw new InvalidOperationException($"Peer {process.Id} exited before printing '{prefix}'.");
        }

        public void Dispose()
        {
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill();
            }

            process.Dispose();
        }
    }

    private sealed record Measurement(int Connections, double MinClient, double AllClients, long Lost, double P50, double P99, double AllocatedPerMessage, double AllocatedPerPacedMessage, ThreadFigures FloodCpu, ThreadFigures PacedCpu);

    /// <summary>A reader's CPU time per message by thread group, sleeps per 1,000 messages, and its collections in a phase (<see cref="ThreadCpu"/>).</summary>
    private sealed record ThreadFigures(double PumpNs, double PoolNs, double OtherNs, double TotalNs, double PumpSleeps, double PoolSleeps, double Gen0, double Gen1, double Gen2, double PauseMs);
}
