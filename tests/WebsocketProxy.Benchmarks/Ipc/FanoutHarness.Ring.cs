using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using WebsocketProxy.Ipc;

namespace WebsocketProxy.Benchmarks.Ipc;

internal static partial class FanoutHarness
{
    private static int RingCapacity { get; set; } = 8 << 20;

    private static async Task<RunResult> RingThroughputAsync(int readers, bool wake, long count, bool batch = true)
    {
        var path = IpcPaths.ForUser(UniqueName("ring"));
        try
        {
            using var writer = BroadcastWriter.Create(path, new BroadcastRingOptions { Capacity = RingCapacity });
            using var board = ProgressBoard.Create(path + ".board");
            var peers = StartRingReaders(path, readers, count, wake, latency: false, batch);
            try
            {
                foreach (var peer in peers)
                {
                    await peer.ExpectAsync("ready", PeerTimeout);
                }

                // Stay half a ring ahead of the slowest reader at most, so nobody is lapped (harness-side flow control).
                var window = RingCapacity / 192 / 2;
                var message = new byte[BenchMessage.Size];
                var windowWaits = 0L;
                var cpuBefore = CpuTime.OfThisProcess();
                for (var i = 0L; i < count; i++)
                {
                    if ((i & 255) == 0)
                    {
                        // Yield while waiting so a reader sharing our core (2 vCPUs, other load) can catch up.
                        var spinner = default(SpinWait);
                        while (i - board.Slowest(readers) > window)
                        {
                            windowWaits++;
                            writer.Flush();
                            spinner.SpinOnce(sleep1Threshold: -1);
                        }
                    }

                    BenchMessage.Stamp(message, i);
                    writer.Publish(message);
                    if (wake && (i & 63) == 63)
                    {
                        writer.Flush();
                    }
                }

                writer.Flush();
                Console.Error.WriteLine($"  writer: {windowWaits} window waits, cpu {(CpuTime.OfThisProcess() - cpuBefore).TotalSeconds:F2} s (process)");
                return RunResult.FromReports(await CollectAsync(peers), count);
            }
            finally
            {
                peers.ForEach(p => p.Dispose());
            }
        }
        finally
        {
            DeleteAll(path);
        }
    }

    private static async Task<RunResult> RingLatencyAsync(bool wake, long count)
    {
        var path = IpcPaths.ForUser(UniqueName("ring-lat"));
        try
        {
            using var writer = BroadcastWriter.Create(path, new BroadcastRingOptions { Capacity = RingCapacity });
            using var board = ProgressBoard.Create(path + ".board");
            var peers = StartRingReaders(path, 1, count, wake, latency: true, batch: true);
            try
            {
                await peers[0].ExpectAsync("ready", PeerTimeout);
                var message = new byte[BenchMessage.Size];
                var interval = Stopwatch.Frequency / 20_000;
                var next = Stopwatch.GetTimestamp();
                for (var i = 0L; i < count; i++)
                {
                    if (wake)
                    {
                        // Sleep between messages, as a proxy waiting on its socket does (about 1 k messages/s).
                        Thread.Sleep(1);
                    }
                    else
                    {
                        // Spin-paced at 20 k messages/s: writer and reader each keep a core, as in a busy feed.
                        next += interval;
                        while (Stopwatch.GetTimestamp() < next)
                        {
                            Thread.SpinWait(1);
                        }
                    }

                    BenchMessage.Stamp(message, i);
                    writer.Publish(message);
                    writer.Flush();
                }

                return RunResult.FromReports(await CollectAsync(peers), count);
            }
            finally
            {
                peers.ForEach(p => p.Dispose());
            }
        }
        finally
        {
            DeleteAll(path);
        }
    }

    private static async Task<double> IdleCpuAsync(int seconds)
    {
        var path = IpcPaths.ForUser(UniqueName("idle"));
        try
        {
            using var writer = BroadcastWriter.Create(path);
            using var peer = ChildProcess.Start("idle", path, seconds.ToString(CultureInfo.InvariantCulture));
            await peer.ExpectAsync("ready", PeerTimeout);
            var line = await peer.ExpectAsync("idle", PeerTimeout);
            var match = IdleLine().Match(line);
            return 100 * double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) / double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        }
        finally
        {
            DeleteAll(path);
        }
    }

    private static List<ChildProcess> StartRingReaders(string path, int readers, long count, bool wake, bool latency, bool batch) =>
        Enumerable.Range(0, readers)
            .Select(i => ChildProcess.Start(
                "ipc", path, path + ".board", i.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture),
                wake ? "wake" : "spin", latency ? "latency" : "throughput", batch ? "batch" : "copy"))
            .ToList();

    private static async Task<List<string>> CollectAsync(List<ChildProcess> peers)
    {
        var reports = new List<string>();
        foreach (var peer in peers)
        {
            reports.Add(await peer.ExpectAsync("done", PeerTimeout));
        }

        return reports;
    }

    [GeneratedRegex(@"cpu_s=([0-9.]+) wall_s=([0-9.]+)")]
    private static partial Regex IdleLine();
}
