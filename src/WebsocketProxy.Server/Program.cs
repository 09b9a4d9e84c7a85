using System.CommandLine;
using Microsoft.Extensions.Logging;
using WebsocketProxy.Server.Cli;

// Before any socket exists: the runtime reads this once (see InlineSocketCompletions).
WebsocketProxy.Server.Hosting.InlineSocketCompletions.Enable();

var instance = new Option<string>("--instance") { Description = "Proxy instance name (separate instances share nothing).", DefaultValueFactory = _ => "default" };
var grace = new Option<double>("--grace-period") { Description = "Seconds to keep running after the last client has gone.", DefaultValueFactory = _ => 60 };
var ringSize = new Option<int>("--ring-size") { Description = "Broadcast ring size in bytes (a power of two).", DefaultValueFactory = _ => 8 << 20 };
var logLevel = new Option<LogLevel>("--log-level") { Description = "Minimum log level (changeable at run time by clients).", DefaultValueFactory = _ => LogLevel.Information };
var logFile = new Option<string?>("--log-file") { Description = "Also write the log to this file (mode 0600)." };
var quiet = new Option<bool>("--quiet") { Description = "No console log (used when a client starts the proxy)." };
var ipcBackend = new Option<string?>("--ipc-backend")
{
    Description = "The shared-memory platform layer: native (the default) or portable; clients must use the same. Default: WEBSOCKET_PROXY_IPC_BACKEND, else native.",
};
var detach = new Option<bool>("--detach")
{
    Description = "Leave the starter's session and process group, so a Ctrl-C meant for the program that started the proxy does not stop it (used when a client starts the proxy; on Windows the client starts it in a console of its own instead, and this does nothing).",
};

var run = new Command("run", "Run the proxy (the default verb).") { instance, grace, ringSize, logLevel, logFile, quiet, detach, ipcBackend };
var status = new Command("status", "Print clients, connections, subscriptions with their counts, and ring lag.") { instance, ipcBackend };
var cleanInstance = new Option<string?>("--instance") { Description = "The instance whose unused files to remove." };
var cleanAll = new Option<bool>("--all") { Description = "Remove the unused files of every instance of this user." };
var clean = new Command("clean", "Remove files that no live proxy or client holds: rings of dead clients, temporary rings, lock files of stopped proxies.")
{
    cleanInstance,
    cleanAll,
    ipcBackend,
};
var root = new RootCommand("websocket-proxy: share upstream WebSockets between local processes through shared memory.") { run, status, clean };
foreach (var option in new Option[] { instance, grace, ringSize, logLevel, logFile, quiet, detach, ipcBackend })
{
    root.Options.Add(option);
}

// The --ipc-backend of a command line; false (said on stderr) when it names no back-end.
bool TryGetBackend(ParseResult parse, out WebsocketProxy.Ipc.IpcBackend? backend)
{
    backend = null;
    try
    {
        backend = parse.GetValue(ipcBackend) is { } name ? WebsocketProxy.Ipc.IpcBackendSelection.Parse(name) : null;
        return true;
    }
    catch (ArgumentException ex)
    {
        Console.Error.WriteLine("websocket-proxy: " + ex.Message);
        return false;
    }
}

async Task<int> RunAsync(ParseResult parse, CancellationToken token)
{
    if (!TryGetBackend(parse, out var backend))
    {
        return 2;
    }

    // Best effort: a proxy that stays in its starter's group still works, it only shares the starter's Ctrl-C (logged).
    var stayedAttached = parse.GetValue(detach) && !TerminalDetacher.TryDetach();
    return await Verbs.RunAsync(
        new WebsocketProxy.Server.Hosting.ProxyServerOptions
        {
            Instance = parse.GetValue(instance)!,
            GracePeriod = TimeSpan.FromSeconds(parse.GetValue(grace)),
            RingCapacity = parse.GetValue(ringSize),
            LogLevel = parse.GetValue(logLevel),
            LogFile = parse.GetValue(logFile),
            ConsoleLog = !parse.GetValue(quiet),
            IpcBackend = backend,
        },
        stayedAttached,
        token).ConfigureAwait(false);
}

run.SetAction(RunAsync);
root.SetAction(RunAsync);
status.SetAction((parse, token) => TryGetBackend(parse, out var backend) ? Verbs.StatusAsync(parse.GetValue(instance)!, backend, token) : Task.FromResult(2));
clean.SetAction((parse, _) => TryGetBackend(parse, out var backend)
    ? Verbs.CleanAsync(parse.GetValue(cleanInstance), parse.GetValue(cleanAll), backend, Console.Out, Console.Error)
    : Task.FromResult(2));
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
