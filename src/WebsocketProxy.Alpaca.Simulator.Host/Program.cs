using System.CommandLine;
using System.Runtime.InteropServices;
using WebsocketProxy.Alpaca.Simulator.Host;

var root = new RootCommand("Runs the Alpaca-compatible market-data simulator on 127.0.0.1 until Ctrl-C.");
RunCommand.Configure(root);
root.Subcommands.Add(ThroughputCommand.Create());

// Ctrl-C and SIGTERM stop the simulator cleanly: the handlers cancel, and the process exits on its own.
using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await root.Parse(args).InvokeAsync(configuration, stop.Token).ConfigureAwait(false);
