using System.Globalization;

namespace WebsocketProxy.Benchmarks.Ipc;

/// <summary>
/// <c>ipc-fanout</c>: cross-process fan-out of 150-byte messages over the broadcast ring and, as the baseline, over
/// one Unix domain socket per reader (writes batched up to 64 KiB). Prints a markdown table of medians.
/// Usage: <c>ipc-fanout [--runs N] [--scale F] [--capacity BYTES] [--only spin|latency|idle] [--read batch|copy|both]</c>
/// (scale multiplies message counts; 1 keeps each run to seconds; capacity is the ring size, default 8 MiB; --only
/// picks one part; --read picks the ring readers' API for the throughput rows: the batched zero-copy visitor
/// <c>TryReadBatch</c>, the copying <c>TryRead</c>, or both, default both). Latency rows use the batched reader.
/// </summary>
internal static partial class FanoutHarness
{
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromMinutes(2);

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = Option(args, "--runs", 3);
        var scale = Option(args, "--scale", 1.0);
        RingCapacity = Option(args, "--capacity", 8 << 20);
        var only = Option(args, "--only", "all");
        var read = Option(args, "--read", "both");
        var modes = read switch
        {
            "batch" => new[] { true },
            "copy" => [false],
            _ => [true, false],
        };
        long Scaled(long n) => Math.Max(1000, (long)(n * scale));
        var rows = new List<string>
        {
            "| scenario | broadcast ring | Unix sockets (64 KiB batches) | ring / sockets |",
            "|---|---|---|---|",
        };

        // Warm-up, discarded: the writer loops run in this process and must reach optimised code first.
        Console.Error.WriteLine("warm-up");
        await RingThroughputAsync(1, false, 2_000_000);
        await SocketThroughputAsync(1, 2_000_000, latency: false);

        foreach (var (readers, wake, count) in new[] { (1, false, Scaled(20_000_000)), (4, true, Scaled(4_000_000)), (8, true, Scaled(2_000_000)) })
        {
            if (only is "latency" or "idle" || (only == "spin" && readers > 1))
            {
                continue;
            }

            // Interleaved per run, so both sides see the same machine load.
            var ringRuns = modes.ToDictionary(m => m, _ => new List<RunResult>());
            var socketRuns = new List<RunResult>();
            for (var run = 0; run < runs; run++)
            {
                foreach (var batch in modes)
                {
                    var result = await RingThroughputAsync(readers, wake, count, batch);
                    Console.Error.WriteLine($"  run {run + 1} ring ({(batch ? "batch" : "copy")}): {result}");
                    ringRuns[batch].Add(result);
                }

                var sockets = await SocketThroughputAsync(readers, count, latency: false);
                Console.Error.WriteLine($"  run {run + 1} sockets: {sockets}");
                socketRuns.Add(sockets);
            }

            var socketMedian = RunResult.Median(socketRuns);
            foreach (var batch in modes)
            {
                var ring = RunResult.Median(ringRuns[batch]);
                rows.Add(Row(
                    $"throughput, {readers} reader{(readers > 1 ? "s" : "")} ({(wake ? "wake" : "spin")}, {(batch ? "TryReadBatch visitor" : "TryRead copy")}), zero loss",
                    $"{ring.Rate / 1e6:F2} M msg/s (lost {ring.Lost})",
                    $"{socketMedian.Rate / 1e6:F2} M msg/s",
                    $"{ring.Rate / socketMedian.Rate:F2}x"));
            }
        }

        if (only is "all" or "latency")
        {
            await AddLatencyRowsAsync(rows, runs, Scaled);
        }

        if (only is "all" or "idle")
        {
            var idle = await IdleCpuAsync(seconds: 5);
            rows.Add(Row("CPU of an idle reader (wake mode, 5 s, 10 ms tick resolution)", $"{idle:F2} % of one core", "-", "-"));
        }

        Console.WriteLine();
        rows.ForEach(Console.WriteLine);
        return 0;
    }

    private static async Task AddLatencyRowsAsync(List<string> rows, int runs, Func<long, long> scaled)
    {
        var spin = await MedianAsync(runs, () => RingLatencyAsync(wake: false, scaled(40_000)));
        var wakeLatency = await MedianAsync(runs, () => RingLatencyAsync(wake: true, scaled(3_000)));
        var socketLatency = await MedianAsync(runs, () => SocketThroughputAsync(1, scaled(3_000), latency: true));
        rows.Add(Row("one-way latency p50 / p99 / p99.9, spinning reader (20 k msg/s, spin-paced writer)", Latency(spin), Latency(socketLatency), $"{socketLatency.P50 / (double)spin.P50:F1}x lower p50"));
        rows.Add(Row("one-way latency p50 / p99 / p99.9, sleeping reader, futex wake (~1 k msg/s, sleeping writer)", Latency(wakeLatency), Latency(socketLatency), $"{socketLatency.P50 / (double)wakeLatency.P50:F1}x lower p50"));
    }

    private static string Latency(RunResult r) => $"{r.P50 / 1000.0:F2} / {r.P99 / 1000.0:F2} / {r.P999 / 1000.0:F2} µs";

    private static string Row(params string[] cells) => "| " + string.Join(" | ", cells) + " |";

    private static async Task<RunResult> MedianAsync(int runs, Func<Task<RunResult>> run)
    {
        var results = new List<RunResult>();
        for (var i = 0; i < runs; i++)
        {
            var result = await run();
            Console.Error.WriteLine($"  run {i + 1}: {result}");
            results.Add(result);
        }

        return RunResult.Median(results);
    }

    private static T Option<T>(string[] args, string name, T fallback)
        where T : IParsable<T>
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? T.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string UniqueName(string kind) => $"bench-{kind}-{Guid.NewGuid():N}";

    private static void DeleteAll(string path)
    {
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"))
        {
            File.Delete(file);
        }
    }
}
