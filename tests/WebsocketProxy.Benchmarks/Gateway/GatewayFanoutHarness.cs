using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using WebsocketProxy.Ipc;

namespace WebsocketProxy.Benchmarks.Gateway;

/// <summary>
/// <c>gateway-fanout [--clients 1,4,8] [--messages 100000] [--paced 2000] [--rate 1000]
/// [--paths gateway-json,gateway-msgpack,direct-json,direct-msgpack] [--runs 1]</c>: N unmodified Alpaca client
/// processes (bare WebSockets speaking Alpaca's protocol, JSON or MessagePack) read AAPL trades from an Alpaca-like
/// server, either through the gateway (its own process, one MessagePack upstream connection through the proxy, JSON
/// clients served by the transcoder) or each over its own direct connection to the same server. Measures frames per
/// second in a flood, the latency at a paced rate (p50/p99: receive time minus the server's send stamp), the gateway
/// process's CPU per delivered message, and prints a markdown table of medians with the gateway / direct ratios.
/// </summary>
internal static class GatewayFanoutHarness
{
    public const string Verb = "gateway-fanout";

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
        var paths = options.GetValueOrDefault("--paths", "gateway-json,gateway-msgpack,direct-json,direct-msgpack").Split(',');
        var proxyPath = typeof(GatewayFanoutHarness).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProxyPath").Value!;

        var results = new Dictionary<(int Clients, string Path), List<Measurement>>();
        for (var run = 1; run <= runs; run++)
        {
            foreach (var count in clients)
            {
                foreach (var path in paths)
                {
                    var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
                    var measurement = await MeasureAsync(path, count, messages, paced, rate, proxyPath);
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: {count} {path} (load {load}): {measurement}"));
                    results.TryAdd((count, path), []);
                    results[(count, path)].Add(measurement);
                }
            }
        }

        Console.Out.Write(Table(results, messages, paced, rate, runs));
        return 0;
    }

    private static string Table(Dictionary<(int Clients, string Path), List<Measurement>> results, int messages, int paced, int rate, int runs)
    {
        static double Mid(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Flood: {messages} AAPL trades sent as fast as the server can; latency: {paced} trades paced at {rate}/s. Medians of {runs} run(s).");
        table.AppendLine();
        table.AppendLine("| clients | path | server connections | frames/s per client (min) | frames/s all clients | lost (flood) | p50 µs | p99 µs | gateway CPU µs per delivered trade (flood) | peer B/trade, flood | runs (frames/s all clients; p50 µs) |");
        table.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var ((count, path), list) in results)
        {
            var perRun = string.Join(" / ", list.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.AllClients:N0}; {m.P50:0.0}")));
            var cpu = path.StartsWith("gateway", StringComparison.Ordinal) ? Mid(list.Select(m => m.GatewayCpuPerTrade)).ToString("0.00", CultureInfo.InvariantCulture) : "-";
            table.AppendLine(CultureInfo.InvariantCulture, $"| {count} | {path} | {list[0].Connections} | {Mid(list.Select(m => m.MinClient)):N0} | {Mid(list.Select(m => m.AllClients)):N0} | {list.Max(m => m.Lost)} | {Mid(list.Select(m => m.P50)):0.0} | {Mid(list.Select(m => m.P99)):0.0} | {cpu} | {Mid(list.Select(m => m.AllocatedPerMessage)):0.0} | {perRun} |");
        }

        table.AppendLine();
        table.AppendLine("| clients | codec | gateway / direct, frames/s all clients | gateway − direct, p50 µs | gateway − direct, p99 µs |");
        table.AppendLine("|---:|---|---:|---:|---:|");
        foreach (var count in results.Keys.Select(k => k.Clients).Distinct())
        {
            foreach (var codec in new[] { "json", "msgpack" })
            {
                if (results.TryGetValue((count, "gateway-" + codec), out var gateway) && results.TryGetValue((count, "direct-" + codec), out var direct))
                {
                    table.AppendLine(CultureInfo.InvariantCulture, $"| {count} | {codec} | {Mid(gateway.Select(m => m.AllClients)) / Mid(direct.Select(m => m.AllClients)):0.00}x | {Mid(gateway.Select(m => m.P50)) - Mid(direct.Select(m => m.P50)):+0.0;-0.0} | {Mid(gateway.Select(m => m.P99)) - Mid(direct.Select(m => m.P99)):+0.0;-0.0} |");
                }
            }
        }

        return table.ToString();
    }

    private static async Task<Measurement> MeasureAsync(string path, int count, int messages, int paced, int rate, string proxyPath)
    {
        await using var server = await GatewayBenchServer.StartAsync();
        var codec = path.EndsWith("msgpack", StringComparison.Ordinal) ? "msgpack" : "json";
        var instance = "gwbench" + Guid.NewGuid().ToString("N")[..8];
        Child? host = null;
        var peers = new List<Child>();
        try
        {
            Uri url;
            if (path.StartsWith("gateway", StringComparison.Ordinal))
            {
                host = StartChild(GatewayHost.Verb, server.BaseUrl.ToString(), instance, proxyPath);
                var uri = (await host.WaitForAsync("uri ")).Split(' ')[1];
                url = new Uri(new Uri(uri), "v2/sip");
            }
            else
            {
                url = new Uri(server.BaseUrl, "v2/sip");
            }

            for (var i = 0; i < count; i++)
            {
                peers.Add(StartChild(GatewayPeer.Verb, codec, url.ToString()));
            }

            foreach (var peer in peers)
            {
                await peer.WaitForAsync("ready");
            }

            // Warm-up, discarded, in rounds with pauses (tiered compilation promotes hot methods about 100 ms after the
            // last new one ran; see ProxyFanoutHarness): the gateway, the proxy and the peers run optimised code.
            for (var round = 0; round < WarmupRounds; round++)
            {
                await server.RunPhaseAsync("warmup", Math.Min(messages, 20_000), 0);
                await Task.WhenAll(peers.Select(p => p.WaitForAsync("result warmup")));
                await Task.Delay(WarmupPause);
            }

            var connections = server.OpenCount;
            var cpuBefore = host is null ? default : ParseCpu(await host.AskAsync("cpu", "cpu "));
            await server.RunPhaseAsync("throughput", messages, 0);
            var throughput = (await Task.WhenAll(peers.Select(p => p.WaitForAsync("result throughput")))).Select(Parse).ToArray();
            var cpuAfter = host is null ? default : ParseCpu(await host.AskAsync("cpu", "cpu "));
            await server.RunPhaseAsync("latency", paced, rate);
            var latency = (await Task.WhenAll(peers.Select(p => p.WaitForAsync("result latency")))).Select(Parse).ToArray();
            await server.QuitAsync();

            var rates = throughput.Select(r => r.Count / Math.Max(r.Seconds, 1e-9)).ToArray();
            var delivered = Math.Max(1, throughput.Sum(r => r.Count));
            return new Measurement(
                connections,
                rates.Min(),
                rates.Sum(),
                throughput.Sum(r => r.Lost) + latency.Sum(r => r.Lost),
                latency.Max(r => r.P50),
                latency.Max(r => r.P99),
                (cpuAfter.Seconds - cpuBefore.Seconds) * 1e6 / delivered,
                throughput.Max(r => r.Allocated));
        }
        finally
        {
            foreach (var peer in peers)
            {
                peer.Dispose();
            }

            if (host is not null)
            {
                host.Dispose();
                await CleanAsync(instance, proxyPath);
            }
        }
    }

    private static (long Count, double Seconds, double P50, double P99, long Lost, double Allocated) Parse(string line)
    {
        var parts = line.Split(' ');
        return (long.Parse(parts[2], CultureInfo.InvariantCulture), double.Parse(parts[3], CultureInfo.InvariantCulture),
            double.Parse(parts[4], CultureInfo.InvariantCulture), double.Parse(parts[5], CultureInfo.InvariantCulture), long.Parse(parts[6], CultureInfo.InvariantCulture),
            double.Parse(parts[7], CultureInfo.InvariantCulture));
    }

    private static (double Seconds, long Allocated) ParseCpu(string line)
    {
        var parts = line.Split(' ');
        return (double.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    private static Child StartChild(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(GatewayFanoutHarness).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new Child(Process.Start(start)!);
    }

    /// <summary>Waits for the proxy of the gateway's instance to leave (its grace period), then removes the instance's files.</summary>
    private static async Task CleanAsync(string instance, string proxyPath)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await Lease.WaitForReleaseAsync(IpcPaths.ForUser(instance + ".proxy.lock"), TimeSpan.FromMilliseconds(100), cancellationToken: timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"gateway-fanout: the proxy of {instance} still runs after 30 s; its files are left (websocket-proxy clean --instance {instance}).");
            return;
        }

        var clean = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { proxyPath, "clean", "--instance", instance })
        {
            clean.ArgumentList.Add(argument);
        }

        using (var process = Process.Start(clean)!)
        {
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
        }

        if (Directory.Exists(IpcPaths.RootDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(IpcPaths.RootDirectory, instance + ".*"))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>A child process of the harness, read line by line; its input closes when disposed (the gateway host stops then).</summary>
    private sealed class Child(Process process) : IDisposable
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

            throw new InvalidOperationException($"Process {process.Id} exited before printing '{prefix}'.");
        }

        public async Task<string> AskAsync(string request, string prefix)
        {
            await process.StandardInput.WriteLineAsync(request);
            await process.StandardInput.FlushAsync();
            return await WaitForAsync(prefix);
        }

        public void Dispose()
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // It has exited already.
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill();
            }

            process.Dispose();
        }
    }

    private sealed record Measurement(int Connections, double MinClient, double AllClients, long Lost, double P50, double P99, double GatewayCpuPerTrade, double AllocatedPerMessage);
}
