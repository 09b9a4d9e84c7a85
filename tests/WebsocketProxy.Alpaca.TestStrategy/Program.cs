// A strategy process for the integration tests. Arguments (all required unless noted):
//   --instance <proxy instance> --proxy <websocket-proxy.dll> --base <ws://simulator/> --key <id> --secret <secret>
//   --symbol <AAPL> --channel bars|trades|quotes --count <n> [--grace <seconds>]
// Output, one line each: CONNECTED <isNew> | BAR|TRADE|QUOTE <symbol> | GAP <reconnected> | FAILED <code> <message> | DONE.
// It exits after <count> items, or when stdin closes (the test went away).
using System.Globalization;
using WebsocketProxy.Alpaca;
using WebsocketProxy.Alpaca.Errors;
using WebsocketProxy.Alpaca.Streams;
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

var options = AlpacaStreamsOptions.Default with
{
    BaseAddress = new Uri(arguments["base"]),
    Proxy = WebsocketProxyClientOptions.Default with
    {
        Name = "test-strategy",
        Instance = arguments["instance"],
        ProxyPath = arguments["proxy"],
        ProxyGracePeriod = TimeSpan.FromSeconds(double.Parse(arguments.GetValueOrDefault("grace", "1"), CultureInfo.InvariantCulture)),
    },
    ReconnectInitialBackoff = TimeSpan.FromMilliseconds(50),
    ReconnectMaxBackoff = TimeSpan.FromMilliseconds(200),
};
var symbol = arguments["symbol"];
var count = int.Parse(arguments["count"], CultureInfo.InvariantCulture);
try
{
    await using var stocks = await AlpacaStreams.ConnectStocksAsync(new AlpacaCredentials(arguments["key"], arguments["secret"]), AlpacaFeed.Iex, options, stop.Token).ConfigureAwait(false);
    Console.WriteLine($"CONNECTED {stocks.Connection.IsNew}");
    stocks.Gap += (_, e) => Console.WriteLine($"GAP {e.Reconnected}");
    var received = 0;
    var items = arguments["channel"] switch
    {
        "trades" => Labelled("TRADE", stocks.Trades(symbol, stop.Token), t => t.Symbol),
        "quotes" => Labelled("QUOTE", stocks.Quotes(symbol, stop.Token), q => q.Symbol),
        _ => Labelled("BAR", stocks.Bars(symbol, stop.Token), b => b.Symbol),
    };
    await foreach (var line in items.ConfigureAwait(false))
    {
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
