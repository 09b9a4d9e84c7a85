using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace WebsocketProxy.Benchmarks.Proxy;

/// <summary>
/// <c>proxy-fanout [--clients 1,4,8] [--messages 100000] [--paced 2000] [--rate 1000]</c>: frames per second from a
/// local WebSocket server through the proxy to N client processes, and the latency the proxy adds (p50/p99)
/// compared with each client holding its own direct connection, measured in the same run. Prints markdown.
/// </summary>
internal static class ProxyFanoutHarness
{
    public const string Verb = "proxy-fanout";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = args.Select((value, index) => (value, index)).Where(a => a.index % 2 == 0 && a.index + 1 < args.Length).ToDictionary(a => a.value, a => args[a.index + 1]);
        var clients = options.GetValueOrDefault("--clients", "1,4,8").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var messages = int.Parse(options.GetValueOrDefault("--messages", "100000"), CultureInfo.InvariantCulture);
        var paced = int.Parse(options.GetValueOrDefault("--paced", "2000"), CultureInfo.InvariantCulture);
        var rate = int.Parse(options.GetValueOrDefault("--rate", "1000"), CultureInfo.InvariantCulture);
        var paths = options.GetValueOrDefault("--paths", "proxy,callback,direct").Split(',');
        var proxyPath = typeof(ProxyFanoutHarness).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProxyPath").Value!;

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Throughput phase: {messages} messages of ~130 B sent as fast as the server can; latency phase: {paced} messages paced at {rate}/s.");
        table.AppendLine();
        table.AppendLine("| clients | path | upstream connections | frames/s per client (min) | frames/s all clients | lost | p50 latency µs | p99 latency µs |");
        table.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var count in clients)
        {
            foreach (var mode in paths)
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

                    var connections = server.OpenCount;
                    await server.RunPhaseAsync("throughput", messages, 0);
                    var throughput = await Task.WhenAll(peers.Select(p => p.WaitForAsync("result throughput")));
                    await server.RunPhaseAsync("latency", paced, rate);
                    var latency = await Task.WhenAll(peers.Select(p => p.WaitForAsync("result latency")));
                    await server.QuitAsync();

                    var rates = throughput.Select(Parse).Select(r => r.Count / Math.Max(r.Seconds, 1e-9)).ToArray();
                    var lost = throughput.Select(Parse).Sum(r => r.Lost) + latency.Select(Parse).Sum(r => r.Lost);
                    var p50 = latency.Select(Parse).Max(r => r.P50);
                    var p99 = latency.Select(Parse).Max(r => r.P99);
                    table.AppendLine(CultureInfo.InvariantCulture, $"| {count} | {mode} | {connections} | {rates.Min():N0} | {rates.Sum():N0} | {lost} | {p50:0.0} | {p99:0.0} |");
                    Console.Error.WriteLine($"{count} {mode}: done");
                }
                finally
                {
                    foreach (var peer in peers)
                    {
                        peer.Dispose();
                    }
                }
            }
        }

        Console.Out.Write(table.ToString());
        return 0;
    }

    private static (long Count, double Seconds, double P50, double P99, long Lost) Parse(string line)
    {
        var parts = line.Split(' ');
        return (long.Parse(parts[2], CultureInfo.InvariantCulture), double.Parse(parts[3], CultureInfo.InvariantCulture),
            double.Parse(parts[4], CultureInfo.InvariantCulture), double.Parse(parts[5], CultureInfo.InvariantCulture), long.Parse(parts[6], CultureInfo.InvariantCulture));
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
}
