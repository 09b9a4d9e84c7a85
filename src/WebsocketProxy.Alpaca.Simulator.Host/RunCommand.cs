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
        var controlPort = new Option<int?>("--control-port")
        {
            Description = "Serve the fault-control interface on this port of 127.0.0.1 (0 picks a free one): " +
                "POST /control/faults/NAME?k=v, GET /control/status. Faults: " + FaultCommand.Summary + ". DUR is like 90s, 500ms, 2m.",
        };
        var faults = new Option<string[]>("--fault")
        {
            Description = "Apply a fault at a time after start, AT:NAME[?k=v&...], such as 30s:drop?refuse=90s; may be repeated.",
            AllowMultipleArgumentsPerToken = false,
        };
        var controlStdin = new Option<bool>("--control-stdin")
        {
            Description = "Also read fault commands from standard input, one a line, NAME[?k=v&...] as after /control/faults/; each applied one is echoed as 'Fault: ...', a bad one as 'Fault error: ...'.",
        };
        root.Options.Add(controlPort);
        root.Options.Add(controlStdin);
        root.Options.Add(faults);
        root.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            AlpacaSimulatorOptions simulatorOptions;
            FaultSchedule schedule;
            try
            {
                simulatorOptions = options.Read(parse);
                schedule = FaultSchedule.Parse(parse.GetValue(faults) ?? []);
            }
            catch (FormatException ex)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return 2;
            }

            var sim = await AlpacaMarketSimulator.StartAsync(simulatorOptions, cancellationToken).ConfigureAwait(false);
            await using var simLifetime = sim.ConfigureAwait(false);
            ControlEndpoint? control = null;
            if (parse.GetValue(controlPort) is { } port)
            {
                control = await ControlEndpoint.StartAsync(sim, port, output, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                var stdin = parse.GetValue(controlStdin) ? Console.In : null;
                return await RunAsync(sim, control, schedule, stdin, output, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (control is not null)
                {
                    await control.DisposeAsync().ConfigureAwait(false);
                }
            }
        });
    }

    private static async Task<int> RunAsync(AlpacaMarketSimulator sim, ControlEndpoint? control, FaultSchedule schedule, TextReader? stdin, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Alpaca simulator listening on {sim.BaseUri}")).ConfigureAwait(false);
        foreach (var feed in Enum.GetValues<AlpacaSimulatorFeed>())
        {
            await output.WriteLineAsync($"  {feed,-10} {sim.GetUri(feed)}").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"  {"Trading",-10} {sim.TradingStreamUri}").ConfigureAwait(false);
        await output.WriteLineAsync($"TRADING_API={sim.TradingApiUri.ToString().TrimEnd('/')}").ConfigureAwait(false);
        if (control is not null)
        {
            await output.WriteLineAsync($"CONTROL={control.Uri}").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"APCA-API-KEY-ID={sim.Credentials.KeyId}").ConfigureAwait(false);
        await output.WriteLineAsync($"APCA-API-SECRET-KEY={sim.Credentials.Secret}").ConfigureAwait(false);
        await output.WriteLineAsync("Press Ctrl-C to stop.").ConfigureAwait(false);
        try
        {
            if (stdin is not null)
            {
                // Not awaited: a console read cannot be cancelled, and must not hold back a stop.
                _ = Task.Run(() => ReadCommandsAsync(sim, stdin, output, cancellationToken), CancellationToken.None);
            }

            await schedule.RunAsync(sim, output, cancellationToken).ConfigureAwait(false);
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await output.WriteLineAsync("Stopping.").ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>Applies fault commands read from standard input, one a line, until it ends.</summary>
    private static async Task ReadCommandsAsync(AlpacaMarketSimulator sim, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            await ReadCommandLinesAsync(sim, input, output, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Stopping, or standard input went away: commands end, the simulator runs on.
        }
    }

    private static async Task ReadCommandLinesAsync(AlpacaMarketSimulator sim, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var text = line.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            try
            {
                FaultCommand.Parse(text).Run(sim);
                await output.WriteLineAsync($"Fault: {text}").ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException)
            {
                await output.WriteLineAsync($"Fault error: {ex.Message}").ConfigureAwait(false);
            }
        }
    }
}
