// The front door: several strategy processes share one upstream connection through websocket-proxy.
// `dotnet run --project samples/MultiStrategy` runs them on the embedded Alpaca simulator; with
// APCA_API_KEY_ID and APCA_API_SECRET_KEY set, the same strategies run on real Alpaca.
using System.CommandLine;
using MultiStrategy;

var strategies = new Option<int>("--strategies") { Description = "How many strategy processes to start.", DefaultValueFactory = _ => 3 };
var symbols = new Option<string>("--symbols") { Description = "Comma-separated symbols every strategy watches.", DefaultValueFactory = _ => "AAPL,MSFT,TSLA" };
var duration = new Option<int>("--duration") { Description = "How long to run, in seconds.", DefaultValueFactory = _ => 30 };
var rate = new Option<double>("--rate") { Description = "Simulator trades per second per symbol (quotes are twice that).", DefaultValueFactory = _ => 20 };
var timeScale = new Option<double>("--time-scale") { Description = "Simulator market seconds per real second (60: a minute bar every second).", DefaultValueFactory = _ => 60 };
var feed = new Option<string>("--feed") { Description = "Real Alpaca feed when keys are set: iex, sip, delayedsip or test.", DefaultValueFactory = _ => "iex" };

var root = new RootCommand("Several strategy processes sharing one market-data connection through websocket-proxy.")
{
    strategies, symbols, duration, rate, timeScale, feed,
};
root.SetAction(async (parse, cancellationToken) =>
{
    var settings = new SampleSettings
    {
        Strategies = Math.Max(1, parse.GetValue(strategies)),
        Symbols = SplitSymbols(parse.GetValue(symbols)),
        Duration = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(duration))),
        TradesPerSecond = parse.GetValue(rate),
        TimeScale = parse.GetValue(timeScale),
        Feed = parse.GetValue(feed) ?? "iex",
    };
    return await Orchestrator.RunAsync(settings, cancellationToken);
});

// The verb each child process runs; the parent stops a child by closing its standard input.
var kind = new Option<string>("--kind") { Required = true };
var name = new Option<string>("--name") { Required = true };
var strategySymbols = new Option<string>("--symbols") { Required = true };
var strategy = new Command("strategy", "Runs one strategy (started by the dashboard).") { kind, name, strategySymbols };
strategy.Hidden = true;
strategy.SetAction(async (parse, cancellationToken) =>
{
    using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    _ = Task.Run(async () =>
    {
        await Console.In.ReadToEndAsync(stop.Token);
        await stop.CancelAsync();
    });
    return await StrategyWorker.RunAsync(parse.GetValue(kind)!, parse.GetValue(name)!, SplitSymbols(parse.GetValue(strategySymbols)), stop.Token);
});
root.Subcommands.Add(strategy);

return await root.Parse(args).InvokeAsync();

static string[] SplitSymbols(string? value) =>
    (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToUpperInvariant()).ToArray();
