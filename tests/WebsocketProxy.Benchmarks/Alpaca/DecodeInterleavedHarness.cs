using System.Diagnostics;
using System.Globalization;

namespace WebsocketProxy.Benchmarks.Alpaca;

/// <summary>
/// <c>alpaca-decode-interleaved [--rounds 60] [--batch-ms 4]</c>: the decoders of <see cref="AlpacaDecodingBenchmarks"/>
/// (Newtonsoft, ours from JSON, ours over Utf8JsonReader, ours from MessagePack) run in turns, a few milliseconds
/// each, round after round, so that every round measures them all under the same load. BenchmarkDotNet runs one
/// method after another for a minute each; on a machine shared with other builds the load moves between them and
/// their ratio with it. Here the ratio is taken within each round and the median of those ratios reported, next to
/// each method's median and minimum time per message. Prints markdown.
/// </summary>
internal static class DecodeInterleavedHarness
{
    public const string Verb = "alpaca-decode-interleaved";

    public static int Run(string[] args)
    {
        var options = args.Select((value, index) => (value, index)).Where(a => a.index % 2 == 0 && a.index + 1 < args.Length).ToDictionary(a => a.value, a => args[a.index + 1]);
        var rounds = int.Parse(options.GetValueOrDefault("--rounds", "60"), CultureInfo.InvariantCulture);
        var batch = TimeSpan.FromMilliseconds(double.Parse(options.GetValueOrDefault("--batch-ms", "4"), CultureInfo.InvariantCulture));
        var benchmarks = new AlpacaDecodingBenchmarks();
        benchmarks.CheckAllAgree();

        (string Category, int PerCall, (string Name, Func<object> Decode)[] Methods)[] categories =
        [
            ("Trade", 1, [("Newtonsoft", benchmarks.Newtonsoft_Trade), ("JSON (ours)", benchmarks.Ours_Trade), ("JSON over Utf8JsonReader", benchmarks.OursUtf8JsonReader_Trade), ("MessagePack (ours)", benchmarks.OursMessagePack_Trade)]),
            ("Quote", 1, [("Newtonsoft", benchmarks.Newtonsoft_Quote), ("JSON (ours)", benchmarks.Ours_Quote), ("JSON over Utf8JsonReader", benchmarks.OursUtf8JsonReader_Quote), ("MessagePack (ours)", benchmarks.OursMessagePack_Quote)]),
            ("Bar", 1, [("Newtonsoft", benchmarks.Newtonsoft_Bar), ("JSON (ours)", benchmarks.Ours_Bar), ("JSON over Utf8JsonReader", benchmarks.OursUtf8JsonReader_Bar), ("MessagePack (ours)", benchmarks.OursMessagePack_Bar)]),
            ("Bar, frame of 20", 20, [("Newtonsoft", () => benchmarks.Newtonsoft_BarFrame()), ("JSON (ours)", () => benchmarks.Ours_BarFrame()), ("JSON over Utf8JsonReader", () => benchmarks.OursUtf8JsonReader_BarFrame()), ("MessagePack (ours)", () => benchmarks.OursMessagePack_BarFrame())]),
        ];

        Console.WriteLine($"{rounds} rounds of {batch.TotalMilliseconds} ms per method; load average at the start: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| Category | Newtonsoft | JSON (ours) | JSON over Utf8JsonReader | MessagePack (ours) | Newtonsoft / JSON (ours) | JSON / MessagePack |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (category, perCall, methods) in categories)
        {
            var times = methods.Select(_ => new List<double>()).ToArray();
            foreach (var (_, decode) in methods)
            {
                Measure(decode, TimeSpan.FromMilliseconds(50), perCall); // warm: tiering, caches, interned symbols
            }

            for (var round = 0; round < rounds; round++)
            {
                for (var m = 0; m < methods.Length; m++)
                {
                    times[m].Add(Measure(methods[m].Decode, batch, perCall));
                }
            }

            var speedup = Median(Enumerable.Range(0, rounds).Select(r => times[0][r] / times[1][r]));
            var packRatio = Median(Enumerable.Range(0, rounds).Select(r => times[1][r] / times[3][r]));
            var cells = times.Select(t => $"{Median(t):N0} ns ({t.Min():N0})");
            Console.WriteLine($"| {category} | {string.Join(" | ", cells)} | **{speedup:F1}×** | {packRatio:F2}× |");
        }

        Console.WriteLine();
        Console.WriteLine($"Times: median (minimum) per message over the rounds. Ratios: median of the per-round ratios. Load average at the end: {LoadAverage()}");
        return 0;
    }

    // Nanoseconds per message over one batch of about the given duration.
    private static double Measure(Func<object> decode, TimeSpan duration, int perCall)
    {
        var calls = 0L;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            for (var i = 0; i < 16; i++)
            {
                GC.KeepAlive(decode());
            }

            calls += 16;
        }

        return watch.Elapsed.TotalNanoseconds / (calls * perCall);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
