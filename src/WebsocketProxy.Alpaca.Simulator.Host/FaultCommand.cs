using System.Globalization;

namespace WebsocketProxy.Alpaca.Simulator.Host;

/// <summary>
/// One fault command of the control interface, shared by the HTTP endpoint (<c>POST /control/faults/NAME?k=v</c>)
/// and the start-up schedule (<c>--fault AT:NAME?k=v</c>). Parsing checks everything before anything runs.
/// </summary>
internal sealed class FaultCommand
{
    /// <summary>The names and arguments, as <c>--help</c> and the 404 answer list them.</summary>
    public const string Summary =
        "drop[?refuse=DUR] | refuse?code=406&(count=N|for=DUR) | silent[?for=DUR] | end-silence | " +
        "flap?(count=N|for=DUR)[&after=DUR][&abrupt=true] | error?code=N[&msg=TEXT][&close=true] | " +
        "stop-reading | resume-reading | pause-data | resume-data | start-replay | clear | " +
        "drop-trading | refuse-trading?count=N | reject-orders?count=N";

    private readonly Func<AlpacaMarketSimulator, int?> _run;

    private FaultCommand(string name, Func<AlpacaMarketSimulator, int?> run)
    {
        Name = name;
        _run = run;
    }

    public string Name { get; }

    /// <summary>Applies the fault; returns how many connections it touched, where that means something.</summary>
    public int? Run(AlpacaMarketSimulator simulator) => _run(simulator);

    /// <summary>Parses <c>NAME</c> or <c>NAME?k=v&amp;k=v</c>.</summary>
    public static FaultCommand Parse(string text)
    {
        var query = text.IndexOf('?', StringComparison.Ordinal);
        var name = query < 0 ? text : text[..query];
        var arguments = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (query >= 0)
        {
            foreach (var pair in text[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
                arguments[key] = Uri.UnescapeDataString(equals < 0 ? string.Empty : pair[(equals + 1)..].Replace('+', ' '));
            }
        }

        return Parse(name, arguments);
    }

    /// <exception cref="FormatException">An unknown name, or a missing, unknown or malformed argument.</exception>
    public static FaultCommand Parse(string name, IReadOnlyDictionary<string, string> arguments)
    {
        var args = new Arguments(name, arguments);
        FaultCommand command = name switch
        {
            "drop" => Drop(args),
            "refuse" => Refuse(args),
            "silent" => Silent(args),
            "end-silence" => Plain(args, s => s.Faults.EndSilence()),
            "flap" => Flap(args),
            "error" => Error(args),
            "stop-reading" => Plain(args, s => s.Faults.StopReading()),
            "resume-reading" => Plain(args, s => s.Faults.ResumeReading()),
            "pause-data" => Plain(args, s => s.Faults.PauseData()),
            "resume-data" => Plain(args, s => s.Faults.ResumeData()),
            "start-replay" => Plain(args, s => s.StartReplay()),
            "clear" => Plain(args, s => s.Faults.ClearAll()),
            "drop-trading" => new(args.Name, s => s.Faults.DropTradingConnections()),
            "refuse-trading" => Counted(args, (s, count) => s.Faults.RefuseTradingAuthentication(count)),
            "reject-orders" => Counted(args, (s, count) => s.Faults.RejectOrders(count)),
            _ => throw new FormatException($"Unknown fault '{name}'. Faults: {Summary}."),
        };
        args.RejectUnused();
        return command;
    }

    /// <summary>Reads a duration: <c>90s</c>, <c>500ms</c>, <c>2m</c>, <c>1h</c>, a number of seconds, or <c>hh:mm:ss</c>.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        var value = text.Trim();
        (string Suffix, double Seconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, seconds) in units)
        {
            if (value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(value[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
            {
                return TimeSpan.FromSeconds(amount * seconds);
            }
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) && plain >= 0)
        {
            return TimeSpan.FromSeconds(plain);
        }

        if (value.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
        {
            return span;
        }

        throw new FormatException($"'{text}' is not a duration (such as 90s, 500ms, 2m or 1h).");
    }

    private static FaultCommand Plain(Arguments args, Action<AlpacaMarketSimulator> action) => new(args.Name, s =>
    {
        action(s);
        return null;
    });

    private static FaultCommand Counted(Arguments args, Action<AlpacaMarketSimulator, int> action)
    {
        var count = args.Int("count") ?? throw new FormatException($"{args.Name}: 'count' is required, such as count=1.");
        if (count < 0)
        {
            throw new FormatException($"{args.Name}: 'count' must not be negative.");
        }

        return new(args.Name, s =>
        {
            action(s, count);
            return null;
        });
    }

    private static FaultCommand Drop(Arguments args)
    {
        var refuse = args.Duration("refuse") ?? TimeSpan.Zero;
        return new(args.Name, s => s.Faults.DropAllConnections(refuse));
    }

    private static FaultCommand Refuse(Arguments args)
    {
        var code = args.Int("code") ?? 406;
        var (count, period) = args.CountOrPeriod();
        return new(args.Name, s =>
        {
            if (count is { } sessions)
            {
                s.Faults.RefuseAuthentication(code, sessions);
            }
            else
            {
                s.Faults.RefuseAuthentication(code, period!.Value);
            }

            return null;
        });
    }

    private static FaultCommand Silent(Arguments args)
    {
        var period = args.Duration("for");
        if (period == TimeSpan.Zero)
        {
            throw new FormatException("silent: 'for' must be longer than zero.");
        }

        return new(args.Name, s =>
        {
            if (period is { } value)
            {
                s.Faults.GoSilent(value);
            }
            else
            {
                s.Faults.GoSilent();
            }

            return null;
        });
    }

    private static FaultCommand Flap(Arguments args)
    {
        var (count, period) = args.CountOrPeriod();
        var after = args.Duration("after") ?? TimeSpan.Zero;
        var abrupt = args.Bool("abrupt") ?? false;
        return new(args.Name, s =>
        {
            if (count is { } sessions)
            {
                s.Faults.CloseAfterAuthentication(sessions, after, abrupt);
            }
            else
            {
                s.Faults.CloseAfterAuthenticationFor(period!.Value, after, abrupt);
            }

            return null;
        });
    }

    private static FaultCommand Error(Arguments args)
    {
        var code = args.Int("code") ?? throw new FormatException("error: 'code' is required, such as code=408.");
        var message = args.Text("msg") ?? AlpacaSimulatorFaults.StandardMessage(code);
        var close = args.Bool("close") ?? false;
        return new(args.Name, s => s.Faults.SendError(code, message, close));
    }

    /// <summary>The arguments of one command; each is read at most once, and any left unread is an error.</summary>
    private sealed class Arguments(string name, IReadOnlyDictionary<string, string> values)
    {
        private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

        public string Name => name;

        public string? Text(string key)
        {
            _used.Add(key);
            return values.TryGetValue(key, out var value) ? value : null;
        }

        public TimeSpan? Duration(string key) => Text(key) is { } text ? Wrap(key, () => ParseDuration(text)) : null;

        public int? Int(string key) => Text(key) is { } text
            ? Wrap(key, () => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture))
            : null;

        public bool? Bool(string key) => Text(key) is { } text
            ? text.Length == 0 || Wrap(key, () => bool.Parse(text))
            : null;

        public (int? Count, TimeSpan? Period) CountOrPeriod()
        {
            var count = Int("count");
            var period = Duration("for");
            if ((count is null) == (period is null))
            {
                throw new FormatException($"{name}: give either 'count' (sessions) or 'for' (a duration), not both nor neither.");
            }

            if (count < 0)
            {
                throw new FormatException($"{name}: 'count' must not be negative.");
            }

            return (count, period);
        }

        public void RejectUnused()
        {
            var unknown = values.Keys.Where(k => !_used.Contains(k)).ToList();
            if (unknown.Count > 0)
            {
                throw new FormatException($"{name}: unknown argument(s) {string.Join(", ", unknown)}. Faults: {Summary}.");
            }
        }

        private T Wrap<T>(string key, Func<T> parse)
        {
            try
            {
                return parse();
            }
            catch (FormatException ex)
            {
                throw new FormatException($"{name}: '{key}' is malformed: {ex.Message}", ex);
            }
            catch (OverflowException ex)
            {
                throw new FormatException($"{name}: '{key}' is out of range.", ex);
            }
        }
    }
}
