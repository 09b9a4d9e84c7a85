using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using WebsocketProxy.Alpaca.Simulator;

namespace WebsocketProxy.Benchmarks.Alpaca;

/// <summary>
/// End-to-end latency of the typed layer: simulator -> proxy -> shared memory -> N strategy processes each
/// decoding into <c>StockTrade</c> and reading it with <c>await foreach</c>.
/// Usage: <c>alpaca-e2e [processes=2] [tradesPerSecond=1000] [seconds=10] [proxy|direct]</c>; <c>direct</c> is the
/// baseline: each process its own WebSocket to the simulator and the same decoders.
/// </summary>
internal static class TypedLatencyHarness
{
    public const string Verb = "alpaca-e2e";

    public static async Task<int> RunAsync(string[] args)
    {
        var processes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2;
        var rate = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        var seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10;
        var mode = args.Length > 3 ? args[3] : "proxy";
        var options = AlpacaSimulatorOptions.Default with
        {
            StockUniverse = ["AAPL"],
            TradesPerSecond = rate,
            QuotesPerSecond = 1,
            TickInterval = TimeSpan.FromMilliseconds(1),
            LateTradeProbability = 0,
            CorrectionProbability = 0,
            CancelErrorProbability = 0,
            ConnectionsPerKey = processes,
        };
        await using var simulator = await AlpacaMarketSimulator.StartAsync(options);
        var instance = "e2e" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var proxyPath = typeof(TypedLatencyHarness).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProxyPath").Value!;
        var peers = new List<Process>();
        try
        {
            for (var i = 0; i < processes; i++)
            {
                peers.Add(StartPeer(simulator, instance, proxyPath, seconds, mode));
                // One at a time, so the first creates the upstream connection and the others join it.
                await WaitForAsync(peers[^1], "ready");
            }

            Console.WriteLine("| path | processes | trades/s | received per process | p50 µs | p99 µs | max µs |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var peer in peers)
            {
                var fields = (await WaitForAsync(peer, "result")).Split(' ');
                Console.WriteLine($"| {mode} | {processes} | {rate} | {fields[1]} | {fields[2]} | {fields[3]} | {fields[4]} |");
            }
        }
        finally
        {
            foreach (var peer in peers)
            {
                if (!peer.HasExited)
                {
                    peer.Kill();
                }

                peer.Dispose();
            }
        }

        return 0;
    }

    private static Process StartPeer(AlpacaMarketSimulator simulator, string instance, string proxyPath, double seconds, string mode)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(TypedLatencyHarness).Assembly.Location);
        }

        foreach (var argument in new[] { TypedLatencyPeer.Verb, simulator.BaseUri.ToString(), instance, proxyPath, simulator.Credentials.KeyId, simulator.Credentials.Secret, "2", seconds.ToString(CultureInfo.InvariantCulture), mode })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private static async Task<string> WaitForAsync(Process peer, string prefix)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await peer.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new InvalidOperationException($"Peer {peer.Id} exited before printing '{prefix}'.");
    }
}
