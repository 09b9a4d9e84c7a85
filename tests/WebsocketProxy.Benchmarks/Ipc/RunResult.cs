using System.Globalization;

namespace WebsocketProxy.Benchmarks.Ipc;

/// <summary>One run of a scenario: aggregate rate over the readers (the slowest reader's rate) and latency percentiles in ns.</summary>
internal sealed record RunResult(double Rate, long Lost, long P50, long P99, long P999)
{
    public static RunResult FromReports(IReadOnlyList<string> reports, long count)
    {
        var parsed = reports.Select(Parse).ToList();
        var slowest = parsed.Max(p => p["seconds"]);
        return new RunResult(
            count / slowest,
            (long)parsed.Sum(p => p["lost"]),
            (long)parsed.Max(p => p.GetValueOrDefault("p50")),
            (long)parsed.Max(p => p.GetValueOrDefault("p99")),
            (long)parsed.Max(p => p.GetValueOrDefault("p999")));
    }

    public static RunResult Median(List<RunResult> results)
    {
        static T Mid<T>(IEnumerable<T> values) => values.Order().ElementAt(values.Count() / 2);
        return new RunResult(
            Mid(results.Select(r => r.Rate)),
            results.Max(r => r.Lost),
            Mid(results.Select(r => r.P50)),
            Mid(results.Select(r => r.P99)),
            Mid(results.Select(r => r.P999)));
    }

    private static Dictionary<string, double> Parse(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(part => part.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => double.Parse(kv[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
}
