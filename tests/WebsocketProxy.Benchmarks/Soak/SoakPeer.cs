using System.Globalization;
using WebsocketProxy.Alpaca;
using WebsocketProxy.Alpaca.Errors;
using WebsocketProxy.Client;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Benchmarks.Soak;

/// <summary>
/// One strategy process of the soak: every symbol's trades through the proxy, plus one symbol's quotes subscribed
/// and unsubscribed in turn (churn). Prints <c>ready</c>, then every second and at the end
/// <c>stats trades quotes gaps lost reconnects churns overflows</c> (totals of this process), or <c>failed message</c>
/// when its streams end. A lossless stream that overflows (its reader fell a whole buffer behind) is opened again and
/// counted, as a desk would. Stops when stdin closes.
/// </summary>
internal static class SoakPeer
{
    public const string Verb = "soak-peer";

    public static async Task<int> RunAsync(string[] args)
    {
        var (baseAddress, instance, proxyPath, key, secret) = (new Uri(args[0]), args[1], args[2], args[3], args[4]);
        var symbols = args[5].Split(',');
        var churn = TimeSpan.FromSeconds(double.Parse(args[6], CultureInfo.InvariantCulture));
        using var stop = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            while (await Console.In.ReadLineAsync().ConfigureAwait(false) is not null)
            {
            }

            await stop.CancelAsync().ConfigureAwait(false);
        });

        var options = AlpacaProxyOptions.Default with
        {
            BaseAddress = baseAddress,
            Proxy = WebsocketProxyClientOptions.Default with { Name = "soak-peer", Instance = instance, ProxyPath = proxyPath, ProxyGracePeriod = TimeSpan.FromSeconds(10) },
            ReconnectInitialBackoff = TimeSpan.FromMilliseconds(100),
            ReconnectMaxBackoff = TimeSpan.FromSeconds(2),
        };
        var stats = new Counters();
        try
        {
            await using var stocks = await AlpacaProxy.ConnectAsync(new AlpacaCredentials(key, secret), options, stop.Token);
            stocks.Gap += (_, e) => stats.OnGap(e);
            var trades = ReopeningAsync(() => CountAsync(stocks.Trades(symbols, cancellationToken: stop.Token), () => Interlocked.Increment(ref stats.Trades)), stats, stop.Token);
            var churning = ChurnAsync(stocks, symbols, churn, stats, stop.Token);
            Console.Out.WriteLine("ready");
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            var reporting = Task.Run(async () =>
            {
                while (await timer.WaitForNextTickAsync(stop.Token))
                {
                    Console.Out.WriteLine(stats.Line());
                }
            });
            await await Task.WhenAny(trades, churning, reporting);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Out.WriteLine(stats.Line());
            return 0;
        }
        catch (Exception ex) when (ex is AlpacaStreamException or StreamException or WebsocketProxyException)
        {
            Console.Out.WriteLine(stats.Line());
            Console.Out.WriteLine("failed " + ex.Message.ReplaceLineEndings(" "));
            return 1;
        }

        Console.Out.WriteLine(stats.Line());
        return 0;
    }

    /// <summary>Each period, the next symbol's quotes: subscribed, read for the period, then unsubscribed.</summary>
    private static async Task ChurnAsync(AlpacaProxy stocks, string[] symbols, TimeSpan period, Counters stats, CancellationToken cancellationToken)
    {
        for (var i = 0; !cancellationToken.IsCancellationRequested; i++)
        {
            using var turn = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            turn.CancelAfter(period);
            try
            {
                var symbol = symbols[i % symbols.Length];
                await ReopeningAsync(() => CountAsync(stocks.Quotes(symbol, turn.Token), () => Interlocked.Increment(ref stats.Quotes)), stats, turn.Token);
            }
            catch (OperationCanceledException) when (turn.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // The turn is over: the quotes are unsubscribed.
            }

            Interlocked.Increment(ref stats.Churns);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Runs a stream again each time it ends with an overflow.</summary>
    private static async Task ReopeningAsync(Func<Task> stream, Counters stats, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await stream();
                return;
            }
            catch (StreamOverflowException) when (!cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref stats.Overflows);
            }
        }
    }

    private static async Task CountAsync<T>(IAsyncEnumerable<T> items, Action count)
    {
        await foreach (var item in items)
        {
            count();
        }
    }

    private sealed class Counters
    {
#pragma warning disable SA1401, CA1051 // Counted with Interlocked from several tasks.
        public long Trades;
        public long Quotes;
        public long Churns;
        public long Overflows;
#pragma warning restore SA1401, CA1051
        private long _gaps;
        private long _lost;
        private long _reconnects;

        public void OnGap(StreamGapEventArgs e)
        {
            // An outage is a loss report (the upstream or the proxy went away) followed by a reconnect.
            if (e.Reconnected)
            {
                Interlocked.Increment(ref _reconnects);
            }
            else
            {
                Interlocked.Increment(ref _gaps);
                Interlocked.Add(ref _lost, e.LostMessages);
            }
        }

        public string Line() => string.Create(
            CultureInfo.InvariantCulture,
            $"stats {Interlocked.Read(ref Trades)} {Interlocked.Read(ref Quotes)} {Interlocked.Read(ref _gaps)} {Interlocked.Read(ref _lost)} {Interlocked.Read(ref _reconnects)} {Interlocked.Read(ref Churns)} {Interlocked.Read(ref Overflows)}");
    }
}
