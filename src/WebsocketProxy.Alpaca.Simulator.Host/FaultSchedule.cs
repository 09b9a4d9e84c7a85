namespace WebsocketProxy.Alpaca.Simulator.Host;

/// <summary>
/// Faults to apply at set times after start, from <c>--fault AT:NAME?k=v</c> (for example <c>--fault 30s:drop?refuse=90s</c>).
/// Every entry is parsed before the simulator starts, so a typo fails at once and not half-way through a run.
/// </summary>
internal sealed class FaultSchedule
{
    private readonly List<(TimeSpan At, string Text, FaultCommand Command)> _entries;

    private FaultSchedule(List<(TimeSpan At, string Text, FaultCommand Command)> entries)
    {
        _entries = entries;
    }

    /// <exception cref="FormatException">An entry is not <c>AT:NAME[?k=v...]</c> with a valid command.</exception>
    public static FaultSchedule Parse(IEnumerable<string> entries)
    {
        var parsed = new List<(TimeSpan, string, FaultCommand)>();
        foreach (var entry in entries)
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"--fault '{entry}': expected AT:NAME[?k=v&...], such as 30s:drop?refuse=90s.");
            }

            var at = FaultCommand.ParseDuration(entry[..colon]);
            parsed.Add((at, entry[(colon + 1)..], FaultCommand.Parse(entry[(colon + 1)..])));
        }

        return new FaultSchedule([.. parsed.OrderBy(e => e.Item1)]);
    }

    /// <summary>Applies each entry at its time after now, in order, until cancelled.</summary>
    public async Task RunAsync(AlpacaMarketSimulator simulator, TextWriter log, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        foreach (var (at, text, command) in _entries)
        {
            var wait = at - TimeProvider.System.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                command.Run(simulator);
                await log.WriteLineAsync($"Fault: {text}").ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
            {
                await log.WriteLineAsync($"Fault {text} failed: {ex.Message}").ConfigureAwait(false);
            }
        }
    }
}
