using System.CommandLine;
using WebsocketProxy.Alpaca.Simulator.Host;

var root = new RootCommand("Runs the Alpaca-compatible market-data simulator on 127.0.0.1 until Ctrl-C.");
RunCommand.Configure(root);
root.Subcommands.Add(ThroughputCommand.Create());
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
