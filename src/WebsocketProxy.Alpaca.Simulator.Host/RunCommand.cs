using System.CommandLine;
using System.Globalization;

namespace WebsocketProxy.Alpaca.Simulator.Host;

/// <summary>The default action: start a simulator, print where it is and a key pair, run until Ctrl-C.</summary>
internal static class RunCommand
{
    public static void Configure(RootCommand root)
    {
        var options = new SimulatorCommandOptions();
        options.AddTo(root);
        root.SetAction(async (parse, cancellationToken) =>
        {
            var simulatorOptions = options.Read(parse);
            var sim = await AlpacaMarketSimulator.StartAsync(simulatorOptions, cancellationToken).ConfigureAwait(false);
            await using var simLifetime = sim.ConfigureAwait(false);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Alpaca simulator listening on {sim.BaseUri}")).ConfigureAwait(false);
            foreach (var feed in Enum.GetValues<AlpacaSimulatorFeed>())
            {
                await output.WriteLineAsync($"  {feed,-10} {sim.GetUri(feed)}").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"APCA-API-KEY-ID={sim.Credentials.KeyId}").ConfigureAwait(false);
            await output.WriteLineAsync($"APCA-API-SECRET-KEY={sim.Credentials.Secret}").ConfigureAwait(false);
            await output.WriteLineAsync("Press Ctrl-C to stop.").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await output.WriteLineAsync("Stopping.").ConfigureAwait(false);
            }

            return 0;
        });
    }
}
