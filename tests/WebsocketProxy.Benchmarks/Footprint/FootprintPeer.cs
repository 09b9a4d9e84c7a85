using System.Diagnostics;
using System.Globalization;
using WebsocketProxy.Alpaca;
using WebsocketProxy.Client;

namespace WebsocketProxy.Benchmarks.Footprint;

/// <summary>
/// One strategy process of the footprint benchmark, in one of three shapes: <c>bars</c> (one symbol's bars),
/// <c>stocks</c> (bars and trades of a few symbols) or <c>all</c> (the same, plus crypto trades of BTC/USD and news
/// articles), all through one
/// <see cref="AlpacaProxy"/>. Once every stream has delivered its first message and a settle time has passed with
/// data still flowing, it measures itself (<see cref="ProcessFootprint"/>), then asks the proxy for its status and
/// finds itself among the proxy's clients. Prints <c>status LINE</c> (its client line) and
/// <c>result key=value ...</c>, then leaves.
/// Usage: <c>footprint-peer bars|stocks|all BASEURI INSTANCE PROXYPATH KEY SECRET SETTLESECONDS</c>.
/// </summary>
internal static class FootprintPeer
{
    public const string Verb = "footprint-peer";

    private static readonly string[] Symbols = ["AAPL", "MSFT", "SPY"];
    private static readonly TimeSpan FirstMessageBound = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string[] args)
    {
        var (shape, baseAddress, instance, proxyPath, key, secret) = (args[0], new Uri(args[1]), args[2], args[3], args[4], args[5]);
        var settle = TimeSpan.FromSeconds(double.Parse(args[6], CultureInfo.InvariantCulture));
        var options = AlpacaProxyOptions.Default with
        {
            Feed = AlpacaFeed.Sip,
            BaseAddress = baseAddress,
            Proxy = WebsocketProxyClientOptions.Default with { Name = "footprint-" + shape, Instance = instance, ProxyPath = proxyPath, ProxyGracePeriod = TimeSpan.FromSeconds(1) },
        };

        var started = Stopwatch.GetTimestamp();
        using var stop = new CancellationTokenSource();
        await using var proxy = await AlpacaProxy.ConnectAsync(new AlpacaCredentials(key, secret), options);
        List<Drain> streams = shape switch
        {
            "bars" => [Drain.Start("stock bars", proxy.Bars(Symbols[0], stop.Token))],
            "stocks" or "all" =>
            [
                Drain.Start("stock bars", proxy.Bars(Symbols, cancellationToken: stop.Token)),
                Drain.Start("stock trades", proxy.Trades(Symbols, cancellationToken: stop.Token)),
            ],
            _ => [],
        };
        if (streams.Count == 0)
        {
            Console.Error.WriteLine($"footprint-peer: unknown shape '{shape}' (bars, stocks or all).");
            return 2;
        }

        if (shape == "all")
        {
            streams.Add(Drain.Start("crypto trades", proxy.Crypto.Trades("BTC/USD", stop.Token)));
            streams.Add(Drain.Start("news", proxy.News.Articles(stop.Token)));
        }

        var firsts = Task.WhenAll(streams.Select(s => s.First));
        if (await Task.WhenAny(firsts, Task.Delay(FirstMessageBound)) != firsts)
        {
            var silent = string.Join(", ", streams.Where(s => !s.First.IsCompleted).Select(s => s.Name));
            Console.Error.WriteLine($"footprint-peer: no message within {FirstMessageBound.TotalSeconds:0} s on: {silent}.");
            return 1;
        }

        await firsts;
        var firstMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await Task.Delay(settle);
        var failed = streams.FirstOrDefault(s => s.Completion.IsCompleted);
        if (failed is not null)
        {
            Console.Error.WriteLine($"footprint-peer: the {failed.Name} stream ended early: {failed.Completion.Exception?.GetBaseException().Message ?? "completed"}.");
            return 1;
        }

        // Measured before the status request, so the request's own client and buffers are not in the figures.
        var footprint = await ProcessFootprint.MeasureAsync(samples: 5, TimeSpan.FromMilliseconds(200));
        var messages = streams.Sum(s => s.Count);

        // Same instance and settings as the proxy object's client: joins this process's one registration.
        await using var client = await WebsocketProxyClient.ConnectAsync(options.Proxy);
        var status = await client.GetStatusAsync();
        var mine = ClientLines(status, Environment.ProcessId);
        foreach (var line in mine)
        {
            Console.Out.WriteLine("status " + line.Trim());
        }

        var connections = mine.Sum(ConnectionsOf);
        Console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"result rss_kib={footprint.RssKiB} hwm_kib={footprint.PeakRssKiB} anon_kib={footprint.AnonKiB} file_kib={footprint.FileKiB} shmem_kib={footprint.ShmemKiB} heap_kib={footprint.ManagedHeapKiB} threads={footprint.Threads} wsproxy={string.Join(',', footprint.ProductThreads)} proxy_clients={mine.Count} client_connections={connections} streams={streams.Count} messages={messages} first_ms={firstMs:0} all_threads={string.Join(',', footprint.AllThreads.Select(n => n.Replace(' ', '_')))}"));
        await stop.CancelAsync();
        await Task.WhenAny(Task.WhenAll(streams.Select(s => s.Completion)), Task.Delay(TimeSpan.FromSeconds(10)));
        return 0;
    }

    /// <summary>The lines of the status's client list that are this process (the proxy names each client's pid).</summary>
    private static List<string> ClientLines(string status, int processId)
    {
        var lines = status.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("clients (", StringComparison.Ordinal));
        var end = Array.FindIndex(lines, l => l.StartsWith("connections (", StringComparison.Ordinal));
        if (start < 0 || end < start)
        {
            throw new InvalidOperationException("The proxy's status has no client list:\n" + status);
        }

        var marker = string.Create(CultureInfo.InvariantCulture, $" pid {processId}:");
        return [.. lines[(start + 1)..end].Where(l => l.Contains(marker, StringComparison.Ordinal))];
    }

    /// <summary>The <c>connections N</c> figure of a client line.</summary>
    private static int ConnectionsOf(string line)
    {
        const string Marker = "connections ";
        var at = line.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return 0;
        }

        var digits = line[(at + Marker.Length)..].TakeWhile(char.IsAsciiDigit).ToArray();
        return int.Parse(digits, CultureInfo.InvariantCulture);
    }

    /// <summary>Reads a stream to its end (or cancellation), counting, and says when the first message came.</summary>
    private sealed class Drain
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _count;

        private Drain(string name) => Name = name;

        public string Name { get; }

        public Task First => _first.Task;

        public Task Completion { get; private set; } = Task.CompletedTask;

        public long Count => Interlocked.Read(ref _count);

        public static Drain Start<T>(string name, IAsyncEnumerable<T> source)
        {
            var drain = new Drain(name);
            drain.Completion = drain.RunAsync(source);
            return drain;
        }

        private async Task RunAsync<T>(IAsyncEnumerable<T> source)
        {
            try
            {
                await foreach (var _ in source)
                {
                    Interlocked.Increment(ref _count);
                    _first.TrySetResult();
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped by the peer.
            }
        }
    }
}
