// A strategy process for the integration and chaos tests. Arguments (all required unless noted):
//   --instance <proxy instance> --proxy <websocket-proxy.dll> --base <ws://simulator/> --key <id> --secret <secret>
//   --symbol <AAPL> --channel bars|trades|quotes|option-trades|option-quotes --count <n, 0 = until stdin closes>
//   [--grace <seconds>] [--log <proxy log file>] [--retry-406 true] [--stall-after <seconds>]
//   --channel trade_updates [--prefix <client order id prefix>] [--url <ws://trading stream>]: the account's order events
//   instead (--symbol unused): CONNECTED <isNew> then LISTENING once Alpaca confirmed, then UPDATE <event> <client_order_id>.
//   [--auth Message|Headers|BrokerBasic|OAuth] (how key and secret are sent; OAuth takes the token as --secret)
// The option channels open only the options connection (symbol: an OCC symbol such as AAPL241220C00200000).
// Output, one line each: CONNECTED <isNew> | BAR|TRADE|QUOTE|OPTIONTRADE|OPTIONQUOTE <symbol> | GAP <reconnected> <lost> <outage ms> |
// ERROR <code> <message> | STREAMERROR <kind> <message> | STALL <seconds> | FAILED <code> <message> | DONE | STOPPED.
// STALL is this process's own watchdog: no item and no gap for --stall-after seconds (a hang the library did not
// report). It exits after <count> items, or when stdin closes (the test went away).
using System.Globalization;
using WebsocketProxy.Alpaca;
using WebsocketProxy.Alpaca.Errors;
using WebsocketProxy.Client;
using WebsocketProxy.Streaming;

var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    arguments[args[i].TrimStart('-')] = args[i + 1];
}

using var stop = new CancellationTokenSource();
_ = Task.Run(async () =>
{
    // The test closes stdin (or dies): stop streaming so the process never outlives it.
    while (await Console.In.ReadLineAsync().ConfigureAwait(false) is not null)
    {
    }

    await stop.CancelAsync().ConfigureAwait(false);
});

var logFile = arguments.GetValueOrDefault("log");
var options = AlpacaProxyOptions.Default with
{
    BaseAddress = new Uri(arguments["base"]),
    Proxy = WebsocketProxyClientOptions.Default with
    {
        Name = "test-strategy",
        Instance = arguments["instance"],
        ProxyPath = arguments["proxy"],
        ProxyGracePeriod = TimeSpan.FromSeconds(double.Parse(arguments.GetValueOrDefault("grace", "1"), CultureInfo.InvariantCulture)),
        ProxyLogFile = logFile,
        ProxyLogLevel = logFile is null ? Microsoft.Extensions.Logging.LogLevel.Information : Microsoft.Extensions.Logging.LogLevel.Debug,
        HungProxyTimeout = TimeSpan.FromSeconds(double.Parse(arguments.GetValueOrDefault("hung-after", "30"), CultureInfo.InvariantCulture)),
    },
    WireFormat = Enum.Parse<AlpacaWireFormat>(arguments.GetValueOrDefault("format", nameof(AlpacaWireFormat.MessagePack))),
    RetryOnConnectionLimit = bool.Parse(arguments.GetValueOrDefault("retry-406", "false")),
    ReconnectInitialBackoff = TimeSpan.FromMilliseconds(double.Parse(arguments.GetValueOrDefault("backoff-ms", "50"), CultureInfo.InvariantCulture)),
    ReconnectMaxBackoff = TimeSpan.FromMilliseconds(double.Parse(arguments.GetValueOrDefault("max-backoff-ms", "200"), CultureInfo.InvariantCulture)),
};
if (arguments.TryGetValue("url", out var url))
{
    options = options with { Url = new Uri(url) };
}

if (arguments["channel"] == "trade_updates")
{
    await TradeUpdatesStrategy.RunAsync(arguments, options with { OpenStocksOnConnect = false }, stop).ConfigureAwait(false);
    return;
}

var channel = arguments["channel"];
var optionsOnly = channel.StartsWith("option-", StringComparison.Ordinal);
options = options with { OpenStocksOnConnect = !optionsOnly };
var symbol = arguments["symbol"];
var count = int.Parse(arguments["count"], CultureInfo.InvariantCulture);
var watchdog = new Watchdog(arguments.TryGetValue("stall-after", out var stall) ? TimeSpan.FromSeconds(double.Parse(stall, CultureInfo.InvariantCulture)) : null);
try
{
    var credentials = Enum.Parse<AlpacaAuthMode>(arguments.GetValueOrDefault("auth", nameof(AlpacaAuthMode.Message))) switch
    {
        AlpacaAuthMode.Headers => AlpacaCredentials.FromKeyHeaders(arguments["key"], arguments["secret"]),
        AlpacaAuthMode.BrokerBasic => AlpacaCredentials.FromBrokerKey(arguments["key"], arguments["secret"]),
        AlpacaAuthMode.OAuth => AlpacaCredentials.FromOAuthToken(arguments["secret"]),
        _ => AlpacaCredentials.FromKey(arguments["key"], arguments["secret"]),
    };
    await using var stocks = await AlpacaProxy.ConnectAsync(credentials, options, stop.Token).ConfigureAwait(false);
    if (optionsOnly)
    {
        await stocks.Options.OpenAsync(stop.Token).ConfigureAwait(false);
    }

    Console.WriteLine($"CONNECTED {(optionsOnly ? stocks.Options.Connection : stocks.Stocks.Connection)!.IsNew}");
    stocks.Gap += (_, e) =>
    {
        watchdog.Alive();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GAP {e.Reconnected} {e.LostMessages} {(long)e.Outage.TotalMilliseconds}"));
    };
    stocks.ServerError += (_, e) => Console.WriteLine($"ERROR {(int)e.Error.Code} {e.Error.Message}");
    stocks.Error += (_, e) => Console.WriteLine($"STREAMERROR {e.Kind} {e.Message}");
    var received = 0;
    var items = channel switch
    {
        "option-trades" => Labelled("OPTIONTRADE", stocks.Options.Trades(symbol, stop.Token), t => $"{t.Symbol} {t.Condition}"),
        "option-quotes" => Labelled("OPTIONQUOTE", stocks.Options.Quotes(symbol, stop.Token), q => q.Symbol),
        "trades" => Labelled("TRADE", stocks.Trades(symbol, stop.Token), t => t.Symbol),
        "quotes" => Labelled("QUOTE", stocks.Quotes(symbol, stop.Token), q => q.Symbol),
        _ => Labelled("BAR", stocks.Bars(symbol, stop.Token), b => b.Symbol),
    };
    watchdog.Start(stop.Token);
    await foreach (var line in items.ConfigureAwait(false))
    {
        watchdog.Alive();
        Console.WriteLine(line);
        if (++received == count)
        {
            break;
        }
    }

    Console.WriteLine("DONE");
}
catch (AlpacaStreamException ex)
{
    Console.WriteLine($"FAILED {(int)ex.Code} {ex.Message}");
}
catch (StreamSubscriptionException ex) when (ex.InnerException is AlpacaStreamException inner)
{
    Console.WriteLine($"FAILED {(int)inner.Code} {inner.Message}");
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.WriteLine("STOPPED");
}

static async IAsyncEnumerable<string> Labelled<T>(string label, IAsyncEnumerable<T> items, Func<T, string> symbolOf)
{
    await foreach (var item in items.ConfigureAwait(false))
    {
        yield return $"{label} {symbolOf(item)}";
    }
}

/// <summary>The trade_updates mode: the account's order events, optionally one prefix's.</summary>
internal static class TradeUpdatesStrategy
{
    public static async Task RunAsync(Dictionary<string, string> arguments, AlpacaProxyOptions tradingOptions, CancellationTokenSource stop)
    {
        try
        {
            await using var alpaca = await AlpacaProxy.ConnectAsync(new AlpacaCredentials(arguments["key"], arguments["secret"]), tradingOptions, stop.Token).ConfigureAwait(false);
            alpaca.Gap += (_, e) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GAP {e.Reconnected} {e.LostMessages} {(long)e.Outage.TotalMilliseconds}"));
            alpaca.ServerError += (_, e) => Console.WriteLine($"ERROR {(int)e.Error.Code} {e.Error.Message}");
            alpaca.Error += (_, e) => Console.WriteLine($"STREAMERROR {e.Kind} {e.Message}");
            var updates = await alpaca.Trading.OpenTradeUpdatesAsync(arguments.GetValueOrDefault("prefix"), cancellationToken: stop.Token).ConfigureAwait(false);
            await using (updates.ConfigureAwait(false))
            {
                Console.WriteLine($"CONNECTED {alpaca.Trading.Connection!.IsNew}");
                Console.WriteLine("LISTENING");
                var limit = int.Parse(arguments["count"], CultureInfo.InvariantCulture) is var n and > 0 ? n : int.MaxValue;
                var seen = 0;
                while (seen != limit && await updates.WaitToReadAsync(stop.Token).ConfigureAwait(false))
                {
                    while (seen != limit && updates.TryRead(out var update))
                    {
                        Console.WriteLine($"UPDATE {update.EventText} {update.Order.ClientOrderId}");
                        seen++;
                    }
                }
            }

            Console.WriteLine("DONE");
        }
        catch (AlpacaStreamException ex)
        {
            Console.WriteLine($"FAILED {(int)ex.Code} {ex.Message}");
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.WriteLine("STOPPED");
        }
    }
}

/// <summary>Prints STALL once per silence longer than the limit: what a desk's own watchdog would alert on.</summary>
internal sealed class Watchdog(TimeSpan? limit)
{
    private long _last = TimeProvider.System.GetTimestamp();

    public void Alive() => Interlocked.Exchange(ref _last, TimeProvider.System.GetTimestamp());

    public void Start(CancellationToken cancellationToken)
    {
        if (limit is not { } silence)
        {
            return;
        }

        _ = Task.Run(
            async () =>
            {
                using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
                var reported = false;
                while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                {
                    var quiet = TimeProvider.System.GetElapsedTime(Interlocked.Read(ref _last));
                    if (quiet < silence)
                    {
                        reported = false;
                    }
                    else if (!reported)
                    {
                        reported = true;
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"STALL {quiet.TotalSeconds:0.0}"));
                    }
                }
            },
            cancellationToken);
    }
}
