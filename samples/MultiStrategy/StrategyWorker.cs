using System.Text.Json;
using MultiStrategy.Strategies;
using WebsocketProxy.Alpaca;
using WebsocketProxy.Alpaca.Errors;
using WebsocketProxy.Client;

namespace MultiStrategy;

/// <summary>
/// The child process: ordinary strategy code on typed streams. Every process opens the same stream with the
/// same credentials; the proxy gives them all one upstream connection.
/// </summary>
internal static class StrategyWorker
{
    public const string UrlVariable = "MULTISTRATEGY_URL";
    public const string FeedVariable = "MULTISTRATEGY_FEED";
    public const string InstanceVariable = "MULTISTRATEGY_INSTANCE";

    /// <summary>The simulator's base address, for the order follower's market data, trading stream and order calls.</summary>
    public const string BaseVariable = "MULTISTRATEGY_BASE";

    /// <summary>The parent writes the key id and the secret as the first two lines of standard input.</summary>
    public const string CredentialsOnInputOption = "--credentials-on-stdin";

    /// <summary>The credentials from standard input when the parent sends them, else from the environment.</summary>
    public static async Task<AlpacaCredentials> ReadCredentialsAsync(bool fromInput, CancellationToken cancellationToken)
    {
        if (fromInput)
        {
            var keyId = await Console.In.ReadLineAsync(cancellationToken);
            var secret = await Console.In.ReadLineAsync(cancellationToken);
            return keyId is { Length: > 0 } && secret is { Length: > 0 }
                ? new AlpacaCredentials(keyId, secret)
                : throw new InvalidOperationException("The parent did not send the credentials on standard input.");
        }

        return AlpacaCredentials.FromEnvironment()
            ?? throw new InvalidOperationException("APCA_API_KEY_ID and APCA_API_SECRET_KEY must be set.");
    }

    public static async Task<int> RunAsync(AlpacaCredentials credentials, string kind, string name, IReadOnlyList<string> symbols, CancellationToken cancellationToken)
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        var baseAddress = Environment.GetEnvironmentVariable(BaseVariable);
        var feed = Enum.TryParse<AlpacaFeed>(Environment.GetEnvironmentVariable(FeedVariable) ?? "iex", ignoreCase: true, out var parsed) ? parsed : AlpacaFeed.Iex;
        var options = AlpacaProxyOptions.Default with
        {
            Feed = feed,
            // The order follower reaches the simulator's trading stream and order calls beside its feed, so it takes the
            // simulator's base address (the feed URL it makes is the others' Url, so all share one market-data connection).
            Url = url is null || kind == "order-follower" ? null : new Uri(url),
            BaseAddress = baseAddress is null || kind != "order-follower" ? null : new Uri(baseAddress),
            // Real money only if asked for: this sample never trades live.
            TradingEnvironment = AlpacaTradingEnvironment.Paper,
            Proxy = WebsocketProxyClientOptions.Default with
            {
                Name = name,
                Instance = Environment.GetEnvironmentVariable(InstanceVariable) ?? WebsocketProxyClientOptions.Default.Instance,
                ProxyGracePeriod = TimeSpan.FromSeconds(5),
            },
        };

        var stats = new StrategyStats(name, kind, MarketClock.FromEnvironment());
        using var reporting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reporter = ReportAsync(stats, reporting.Token);
        try
        {
            // One object for every Alpaca stream of this process; stocks are its top level.
            await using var alpaca = await AlpacaProxy.ConnectAsync(credentials, options, cancellationToken);
            stats.JoinedExisting = !alpaca.Stocks.Connection!.IsNew;
            alpaca.Gap += (_, gap) => stats.OnGap(gap.Reconnected);
            alpaca.Error += (_, _) => stats.OnError();

            switch (kind)
            {
                case "sma-crossover":
                    var crossovers = symbols.ToDictionary(s => s, _ => new MovingAverageCrossover(fast: 3, slow: 8));
                    await foreach (var bar in alpaca.Bars(symbols, cancellationToken: cancellationToken))
                    {
                        // A bar is stamped with the start of its minute and complete only at its end.
                        stats.OnMessage(bar.Timestamp.UtcDateTime.AddMinutes(1), crossovers[bar.Symbol].OnClose(bar.Close) is { } signal ? $"{bar.Symbol} {signal}" : null);
                    }

                    break;
                case "vwap-deviation":
                    var vwaps = symbols.ToDictionary(s => s, _ => new VwapDeviation(thresholdBasisPoints: 150));
                    await foreach (var trade in alpaca.Trades(symbols, cancellationToken: cancellationToken))
                    {
                        stats.OnMessage(trade.Timestamp.UtcDateTime, vwaps[trade.Symbol].OnTrade(trade.Price, trade.Size) is { } signal ? $"{trade.Symbol} {signal}" : null);
                    }

                    break;
                case "spread-monitor":
                    var monitors = symbols.ToDictionary(s => s, _ => new SpreadMonitor(wideMultiple: 3));
                    await foreach (var quote in alpaca.Quotes(symbols, cancellationToken: cancellationToken))
                    {
                        stats.OnMessage(quote.Timestamp.UtcDateTime, monitors[quote.Symbol].OnQuote(quote.BidPrice, quote.AskPrice) is { } signal ? $"{quote.Symbol} {signal}" : null);
                    }

                    break;
                case "order-follower":
                    await OrderFollower.RunAsync(alpaca, name, symbols, stats, cancellationToken);
                    break;
                default:
                    throw new ArgumentException($"Unknown strategy kind '{kind}'.", nameof(kind));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Asked to stop.
        }
        catch (Exception e) when (e is AlpacaStreamException or WebsocketProxyException or WebsocketProxy.Alpaca.Trading.AlpacaApiException)
        {
            stats.Fault = e.Message;
        }

        await reporting.CancelAsync();
        await reporter;
        Write(stats.Snapshot());
        return stats.Fault is null ? 0 : 1;
    }

    private static async Task ReportAsync(StrategyStats stats, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Write(stats.Snapshot());
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private static void Write(StrategyReport report) =>
        Console.Out.WriteLine(JsonSerializer.Serialize(report, ReportJsonContext.Default.StrategyReport));
}
