// The front door: several strategy processes share one upstream connection through websocket-proxy.
// `dotnet run --project samples/MultiStrategy` runs them on the embedded Alpaca simulator; with
// APCA_API_KEY_ID and APCA_API_SECRET_KEY set, the same strategies run on real Alpaca.
using System.CommandLine;
using MultiStrategy;

var strategies = new Option<int>("--strategies") { Description = "How many strategy processes to start.", DefaultValueFactory = _ => 3 };
var symbols = new Option<string>("--symbols") { Description = "Comma-separated symbols every strategy watches.", DefaultValueFactory = _ => "AAPL,MSFT,TSLA" };
var duration = new Option<int>("--duration") { Description = "How long to run once every strategy streams, in seconds.", DefaultValueFactory = _ => 30 };
var rate = new Option<double>("--rate") { Description = "Simulator trades per second per symbol (quotes are twice that).", DefaultValueFactory = _ => 20 };
var timeScale = new Option<double>("--time-scale") { Description = "Simulator market seconds per real second (60: a minute bar every second).", DefaultValueFactory = _ => 60 };
var feed = new Option<string>("--feed") { Description = "Real Alpaca feed when keys are set: iex, sip, delayedsip or test.", DefaultValueFactory = _ => "iex" };
var orderFollowers = new Option<int>("--order-followers")
{
    Description = "How many order-following strategy processes to start beside the others (simulated orders; 0 for none).",
    DefaultValueFactory = _ => 2,
};
var paperOrders = new Option<bool>("--paper-orders") { Description = "With real keys: let the order followers place orders on the PAPER account (never live)." };
var instance = new Option<string>("--instance")
{
    Description = "The websocket-proxy instance the strategies share; runs with different instances never share a proxy.",
    DefaultValueFactory = _ => "default",
};
instance.Validators.Add(result =>
{
    // The same rule the client applies: checked here so a bad name fails once, before any process starts.
    if (result.GetValueOrDefault<string>() is { } value && (value.Length == 0 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
    {
        result.AddError($"--instance may hold only letters, digits, '_' and '-'; got '{value}'.");
    }
});

var root = new RootCommand("Several strategy processes sharing one market-data connection through websocket-proxy.")
{
    strategies, symbols, duration, rate, timeScale, feed, instance, orderFollowers, paperOrders,
};
root.SetAction(async (parse, cancellationToken) =>
{
    var settings = new SampleSettings
    {
        Strategies = Math.Max(1, parse.GetValue(strategies)),
        OrderFollowers = Math.Max(0, parse.GetValue(orderFollowers)),
        PaperOrders = parse.GetValue(paperOrders),
        Symbols = SplitSymbols(parse.GetValue(symbols)),
        Duration = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(duration))),
        TradesPerSecond = parse.GetValue(rate),
        TimeScale = parse.GetValue(timeScale),
        Feed = parse.GetValue(feed) ?? "iex",
        Instance = parse.GetValue(instance) ?? "default",
    };
    return await Orchestrator.RunAsync(settings, cancellationToken);
});

// The verb each child process runs; the parent stops a child by closing its standard input.
var kind = new Option<string>("--kind") { Required = true };
var name = new Option<string>("--name") { Required = true };
var strategySymbols = new Option<string>("--symbols") { Required = true };
var credentialsOnInput = new Option<bool>(StrategyWorker.CredentialsOnInputOption);
var strategy = new Command("strategy", "Runs one strategy (started by the dashboard).") { kind, name, strategySymbols, credentialsOnInput };
strategy.Hidden = true;
strategy.SetAction(async (parse, cancellationToken) =>
{
    // Read before the stop watcher below takes standard input over.
    var credentials = await StrategyWorker.ReadCredentialsAsync(parse.GetValue(credentialsOnInput), cancellationToken);
    using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    _ = Task.Run(async () =>
    {
        await Console.In.ReadToEndAsync(stop.Token);
        await stop.CancelAsync();
    });
    return await StrategyWorker.RunAsync(credentials, parse.GetValue(kind)!, parse.GetValue(name)!, SplitSymbols(parse.GetValue(strategySymbols)), stop.Token);
});
root.Subcommands.Add(strategy);

// On Ctrl-C (SIGINT) or SIGTERM System.CommandLine cancels the action, then ends the process after this timeout.
// Its default of 2 s is shorter than stopping the strategy processes can take on a busy machine, which would
// end the run with exit code 130 and no summary; the dashboard bounds each strategy's stop at 15 s itself.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });

static string[] SplitSymbols(string? value) =>
    (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToUpperInvariant()).ToArray();
