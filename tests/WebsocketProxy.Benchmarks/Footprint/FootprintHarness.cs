using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using WebsocketProxy.Alpaca.Simulator;
using WebsocketProxy.Client;
using WebsocketProxy.Ipc;

namespace WebsocketProxy.Benchmarks.Footprint;

/// <summary>
/// <c>footprint [--runs 3] [--settle 3] [--shapes stocks,all]</c>: what a strategy process with stock, crypto and
/// news streams costs next to one with stocks only (and, with <c>--shapes bars,stocks,all</c>, one with a single
/// symbol's bars), through the proxy. Starts the simulator in this process and a proxy of its own
/// instance (held by this process for the whole run, so no peer pays for starting it), then runs peer processes
/// (<see cref="FootprintPeer"/>) one at a time, the two shapes taking turns, each measuring itself once data flows
/// on all its streams. Prints the runs, the medians, the ratio of resident memory (all / stocks) and what the
/// proxy's status says about the three-stream process (how many proxy clients it is, how many connections it
/// holds). Removes the instance's files at the end.
/// </summary>
internal static class FootprintHarness
{
    public const string Verb = "footprint";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = args.Select((value, index) => (value, index)).Where(a => a.index % 2 == 0 && a.index + 1 < args.Length).ToDictionary(a => a.value, a => args[a.index + 1]);
        var runs = int.Parse(options.GetValueOrDefault("--runs", "3"), CultureInfo.InvariantCulture);
        var settle = double.Parse(options.GetValueOrDefault("--settle", "3"), CultureInfo.InvariantCulture);
        var shapes = options.GetValueOrDefault("--shapes", "stocks,all").Split(',');
        if (!shapes.Contains("stocks") || !shapes.Contains("all") || shapes.Except(["bars", "stocks", "all"]).Any())
        {
            Console.Error.WriteLine("footprint: --shapes lists stocks and all, and may add bars.");
            return 2;
        }

        var proxyPath = typeof(FootprintHarness).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProxyPath").Value!;
        var instance = "footprint" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

        // A bar every real second; per symbol about 60 trades and 60 quotes a real second; a news article a second.
        var simulatorOptions = AlpacaSimulatorOptions.Default with
        {
            TimeScale = 60,
            TradesPerSecond = 1,
            QuotesPerSecond = 1,
            NewsInterval = TimeSpan.FromMinutes(1),
        };
        var results = new List<PeerResult>();
        try
        {
            await using (var simulator = await AlpacaMarketSimulator.StartAsync(simulatorOptions))
            {
                await using var holder = await WebsocketProxyClient.ConnectAsync(WebsocketProxyClientOptions.Default with
                {
                    Name = "footprint-harness",
                    Instance = instance,
                    ProxyPath = proxyPath,
                    ProxyGracePeriod = TimeSpan.FromSeconds(1),
                });
                Console.Error.WriteLine($"footprint: simulator {simulator.BaseUri}, proxy instance {instance} (pid {holder.ServerId}), {runs} run(s) of each shape, settle {settle} s");
                for (var run = 1; run <= runs; run++)
                {
                    foreach (var shape in shapes)
                    {
                        var result = await RunPeerAsync(shape, simulator, instance, proxyPath, settle);
                        Console.Error.WriteLine($"run {run} {shape}: {result.Line}");
                        results.Add(result);
                    }
                }
            }

            Console.Out.Write(Report(results, runs, shapes));
            return 0;
        }
        finally
        {
            await CleanAsync(instance, proxyPath);
        }
    }

    private static async Task<PeerResult> RunPeerAsync(string shape, AlpacaMarketSimulator simulator, string instance, string proxyPath, double settle)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(FootprintHarness).Assembly.Location);
        }

        foreach (var argument in new[] { FootprintPeer.Verb, shape, simulator.BaseUri.ToString(), instance, proxyPath, simulator.Credentials.KeyId, simulator.Credentials.Secret, settle.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var peer = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            var status = new List<string>();
            while (await peer.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("status ", StringComparison.Ordinal))
                {
                    status.Add(line["status ".Length..]);
                }
                else if (line.StartsWith("result ", StringComparison.Ordinal))
                {
                    await peer.WaitForExitAsync(timeout.Token);
                    return PeerResult.Parse(shape, line["result ".Length..], status);
                }
            }

            await peer.WaitForExitAsync(timeout.Token);
            throw new InvalidOperationException($"The {shape} peer (pid {peer.Id}) exited with {peer.ExitCode} before reporting (its errors are above).");
        }
        finally
        {
            if (!peer.HasExited)
            {
                peer.Kill();
            }
        }
    }

    private static string Report(List<PeerResult> results, int runs, string[] shapes)
    {
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Runs (the shapes alternate; RSS is the median of five reads after a full collection):");
        text.AppendLine();
        text.AppendLine("| run | shape | streams | RSS MiB | peak RSS MiB | anon / file / shmem MiB | managed heap MiB | threads | wsproxy- threads | proxy clients of the process | its connections | first message of every stream, ms |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|");
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            text.AppendLine(CultureInfo.InvariantCulture, $"| {(i / shapes.Length) + 1} | {r.Shape} | {r.Streams} | {r.RssKiB / 1024.0:0.0} | {r.PeakRssKiB / 1024.0:0.0} | {r.AnonKiB / 1024.0:0.0} / {r.FileKiB / 1024.0:0.0} / {r.ShmemKiB / 1024.0:0.0} | {r.HeapKiB / 1024.0:0.0} | {r.Threads} | {r.ProductThreads} | {r.ProxyClients} | {r.Connections} | {r.FirstMs:0} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Medians of {runs} run(s):");
        text.AppendLine();
        text.AppendLine("| shape | RSS MiB | peak RSS MiB | anon / file / shmem MiB | managed heap MiB | threads | wsproxy- threads | proxy clients of the process | its connections |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---|---:|---:|");
        var medians = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var shape in shapes)
        {
            var mine = results.Where(r => r.Shape == shape).ToList();
            medians[shape] = Median(mine.Select(r => (double)r.RssKiB));
            var threads = string.Join(" / ", mine.Select(r => r.ProductThreads).Distinct(StringComparer.Ordinal));
            var clients = string.Join(" / ", mine.Select(r => r.ProxyClients).Distinct());
            var connections = string.Join(" / ", mine.Select(r => r.Connections).Distinct());
            text.AppendLine(CultureInfo.InvariantCulture, $"| {shape} | {medians[shape] / 1024:0.0} | {Median(mine.Select(r => (double)r.PeakRssKiB)) / 1024:0.0} | {Median(mine.Select(r => (double)r.AnonKiB)) / 1024:0.0} / {Median(mine.Select(r => (double)r.FileKiB)) / 1024:0.0} / {Median(mine.Select(r => (double)r.ShmemKiB)) / 1024:0.0} | {Median(mine.Select(r => (double)r.HeapKiB)) / 1024:0.0} | {Median(mine.Select(r => (double)r.Threads)):0} | {threads} | {clients} | {connections} |");
        }

        var ratio = medians["all"] / medians["stocks"];
        var all = results.Where(r => r.Shape == "all").ToList();
        var oneClient = all.All(r => r.ProxyClients == 1);
        var onePump = all.All(r => r.ProductThreads.Split(',').Count(n => n == "wsproxy-frames") == 1);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"RSS all / stocks: {ratio:0.000} (target <= 1.10: {(ratio <= 1.10 ? "met" : "NOT met")})");
        if (medians.TryGetValue("bars", out var bars))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"RSS all / bars: {medians["all"] / bars:0.000}, stocks / bars: {medians["stocks"] / bars:0.000}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"stock + crypto + news process: proxy clients {string.Join(" / ", all.Select(r => r.ProxyClients))} (target 1: {(oneClient ? "met" : "NOT met")}), wsproxy-frames threads {string.Join(" / ", all.Select(r => r.ProductThreads.Split(',').Count(n => n == "wsproxy-frames")))} (target 1: {(onePump ? "met" : "NOT met")})");
        text.AppendLine("Its client line in the proxy's status (last run): " + string.Join(" | ", all[^1].Status));
        return text.ToString();
    }

    /// <summary>Waits for the proxy to leave (its grace period), then removes the instance's files.</summary>
    private static async Task CleanAsync(string instance, string proxyPath)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await Lease.WaitForReleaseAsync(IpcPaths.ForUser(instance + ".proxy.lock"), TimeSpan.FromMilliseconds(100), cancellationToken: timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"footprint: the proxy of {instance} still runs after 30 s; its files are left (websocket-proxy clean --instance {instance}).");
            return;
        }

        var clean = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { proxyPath, "clean", "--instance", instance })
        {
            clean.ArgumentList.Add(argument);
        }

        using (var process = Process.Start(clean)!)
        {
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Console.Error.WriteLine($"footprint: websocket-proxy clean --instance {instance}: {output.Trim().Split('\n')[^1]}");
        }

        if (Directory.Exists(IpcPaths.RootDirectory))
        {
            // What clean keeps by design (the instance's lock files) is of no use once this instance is gone.
            foreach (var path in Directory.EnumerateFiles(IpcPaths.RootDirectory, instance + ".*"))
            {
                File.Delete(path);
            }
        }
    }
}
