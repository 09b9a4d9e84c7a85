using System.CommandLine;

namespace WebsocketProxy.Alpaca.Simulator.Host;

/// <summary>The command-line options that map onto <see cref="AlpacaSimulatorOptions"/>.</summary>
internal sealed class SimulatorCommandOptions
{
    private readonly Option<int> _port = new("--port") { Description = "Port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 0 };
    private readonly Option<string?> _key = new("--key") { Description = "API key id to accept (default: the built-in test key)." };
    private readonly Option<string?> _secret = new("--secret") { Description = "API secret to accept with --key." };
    private readonly Option<string[]> _oauthTokens = new("--oauth-token") { Description = "An OAuth access token to accept, for the account of the key (repeatable).", AllowMultipleArgumentsPerToken = false };
    private readonly Option<int> _seed = new("--seed") { Description = "Seed of the synthetic market.", DefaultValueFactory = _ => AlpacaSimulatorOptions.Default.Seed };
    private readonly Option<double> _trades = new("--trades-per-second") { Description = "Trades per symbol per market second.", DefaultValueFactory = _ => AlpacaSimulatorOptions.Default.TradesPerSecond };
    private readonly Option<double> _quotes = new("--quotes-per-second") { Description = "Quotes per symbol per market second.", DefaultValueFactory = _ => AlpacaSimulatorOptions.Default.QuotesPerSecond };
    private readonly Option<double> _timeScale = new("--time-scale") { Description = "Market seconds per real second (60: a minute bar every second).", DefaultValueFactory = _ => 1.0 };
    private readonly Option<int?> _symbolLimit = new("--symbol-limit") { Description = "Most symbols a connection may subscribe to (error 405)." };
    private readonly Option<double> _authTimeout = new("--auth-timeout") { Description = "Seconds a client has to authenticate (error 404).", DefaultValueFactory = _ => 10.0 };
    private readonly Option<FileInfo?> _replay = new("--replay") { Description = "Play recorded frames (one JSON frame a line) instead of the synthetic market; playing starts when the first client subscribes." };
    private readonly Option<bool> _replayManual = new("--replay-manual-start") { Description = "With --replay: wait for POST /control/faults/start-replay instead of the first subscription." };
    private readonly Option<string> _pingInterval = new("--ping-interval") { Description = "How often the server pings each client, such as 10s (0: no pings).", DefaultValueFactory = _ => "10s" };
    private readonly Option<string> _pingTimeout = new("--ping-timeout") { Description = "How long a client may take to answer a ping before it is dropped, such as 30s.", DefaultValueFactory = _ => "30s" };
    private readonly Option<string> _deadSessionLinger = new("--dead-session-linger") { Description = "How long an abruptly ended session still counts against its key (406 meanwhile), such as 90s as the real service; 0: not at all.", DefaultValueFactory = _ => "0" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _port, _key, _secret, _seed, _trades, _quotes, _timeScale, _symbolLimit, _authTimeout, _replay, _replayManual, _pingInterval, _pingTimeout, _deadSessionLinger })
        {
            command.Options.Add(option);
        }

        command.Options.Add(_oauthTokens);
    }

    public AlpacaSimulatorOptions Read(ParseResult parse)
    {
        var options = AlpacaSimulatorOptions.Default with
        {
            Port = parse.GetValue(_port),
            Seed = parse.GetValue(_seed),
            TradesPerSecond = parse.GetValue(_trades),
            QuotesPerSecond = parse.GetValue(_quotes),
            TimeScale = parse.GetValue(_timeScale),
            SymbolLimit = parse.GetValue(_symbolLimit),
            AuthTimeout = TimeSpan.FromSeconds(parse.GetValue(_authTimeout)),
            ReplayFile = parse.GetValue(_replay)?.FullName,
            ReplayOnFirstSubscription = !parse.GetValue(_replayManual),
            PingInterval = FaultCommand.ParseDuration(parse.GetValue(_pingInterval)!),
            PingTimeout = FaultCommand.ParseDuration(parse.GetValue(_pingTimeout)!),
            DeadSessionLinger = FaultCommand.ParseDuration(parse.GetValue(_deadSessionLinger)!),
        };
        var key = parse.GetValue(_key);
        if (key is not null)
        {
            options = options with { KeyPairs = [new AlpacaKeyPair(key, parse.GetValue(_secret) ?? string.Empty)] };
        }

        if (parse.GetValue(_oauthTokens) is { Length: > 0 } tokens)
        {
            options = options with { OAuthTokens = [.. tokens.Select(t => new AlpacaOAuthToken(t, options.KeyPairs[0].KeyId))] };
        }

        return options;
    }
}
