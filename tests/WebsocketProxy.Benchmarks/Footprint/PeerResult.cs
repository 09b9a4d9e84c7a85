using System.Globalization;

namespace WebsocketProxy.Benchmarks.Footprint;

/// <summary>One peer's report: the <c>result key=value ...</c> line of <see cref="FootprintPeer"/> and its status lines.</summary>
internal sealed record PeerResult(
    string Shape,
    string Line,
    long RssKiB,
    long PeakRssKiB,
    long AnonKiB,
    long FileKiB,
    long ShmemKiB,
    long HeapKiB,
    int Threads,
    string ProductThreads,
    int ProxyClients,
    int Connections,
    int Streams,
    double FirstMs,
    IReadOnlyList<string> Status)
{
    public static PeerResult Parse(string shape, string line, IReadOnlyList<string> status)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f.Length > 1 ? f[1] : string.Empty, StringComparer.Ordinal);
        long Long(string key) => long.Parse(fields[key], CultureInfo.InvariantCulture);
        return new PeerResult(
            shape,
            line,
            Long("rss_kib"),
            Long("hwm_kib"),
            Long("anon_kib"),
            Long("file_kib"),
            Long("shmem_kib"),
            Long("heap_kib"),
            (int)Long("threads"),
            fields["wsproxy"],
            (int)Long("proxy_clients"),
            (int)Long("client_connections"),
            (int)Long("streams"),
            double.Parse(fields["first_ms"], CultureInfo.InvariantCulture),
            status);
    }
}
