namespace WebsocketProxy.Alpaca.Simulator.Protocol;

/// <summary>One WebSocket path of the simulator: its feed, market and the channels it offers.</summary>
internal sealed class StreamEndpoint
{
    public const string TestSymbol = "FAKEPACA";

    private static readonly Channel[] StockChannels =
        [Channel.Trades, Channel.Quotes, Channel.Bars, Channel.UpdatedBars, Channel.DailyBars, Channel.Statuses, Channel.Lulds, Channel.Imbalances];

    private static readonly Channel[] CryptoChannels =
        [Channel.Trades, Channel.Quotes, Channel.OrderBooks, Channel.Bars, Channel.UpdatedBars, Channel.DailyBars];

    private static readonly Channel[] OptionChannels = [Channel.Trades, Channel.Quotes];

    private readonly bool[] _offered = new bool[ChannelNames.Count];

    private StreamEndpoint(AlpacaSimulatorFeed feed, string path, MarketKind market, Channel[] channels)
    {
        Feed = feed;
        Path = path;
        Market = market;
        Channels = channels;
        foreach (var channel in channels)
        {
            _offered[(int)channel] = true;
        }
    }

    public static IReadOnlyList<StreamEndpoint> All { get; } =
    [
        new(AlpacaSimulatorFeed.Iex, "/v2/iex", MarketKind.Stocks, StockChannels),
        new(AlpacaSimulatorFeed.Sip, "/v2/sip", MarketKind.Stocks, StockChannels),
        new(AlpacaSimulatorFeed.DelayedSip, "/v2/delayed_sip", MarketKind.DelayedStocks, StockChannels),
        new(AlpacaSimulatorFeed.Test, "/v2/test", MarketKind.Stocks, StockChannels),
        new(AlpacaSimulatorFeed.Crypto, "/v1beta3/crypto/us", MarketKind.Crypto, CryptoChannels),
        new(AlpacaSimulatorFeed.News, "/v1beta1/news", MarketKind.News, [Channel.News]),
        new(AlpacaSimulatorFeed.Boats, "/v1beta1/boats", MarketKind.Stocks, StockChannels),
        new(AlpacaSimulatorFeed.Overnight, "/v1beta1/overnight", MarketKind.Stocks, StockChannels),
        new(AlpacaSimulatorFeed.CryptoUs1, "/v1beta3/crypto/us-1", MarketKind.Crypto, CryptoChannels),
        new(AlpacaSimulatorFeed.CryptoEu1, "/v1beta3/crypto/eu-1", MarketKind.Crypto, CryptoChannels),
        new(AlpacaSimulatorFeed.Indicative, "/v1beta1/indicative", MarketKind.Options, OptionChannels),
        new(AlpacaSimulatorFeed.Opra, "/v1beta1/opra", MarketKind.Options, OptionChannels),
    ];

    public AlpacaSimulatorFeed Feed { get; }

    public string Path { get; }

    public MarketKind Market { get; }

    /// <summary>The channels offered, in reply order.</summary>
    public IReadOnlyList<Channel> Channels { get; }

    /// <summary>The test stream only ever carries <see cref="TestSymbol"/>.</summary>
    public bool IsTestStream => Feed == AlpacaSimulatorFeed.Test;

    /// <summary>The options streams speak MessagePack only: a JSON handshake gets error 412.</summary>
    public bool IsMessagePackOnly => Market == MarketKind.Options;

    public bool Offers(Channel channel) => _offered[(int)channel];

    public static StreamEndpoint? Find(string path)
    {
        foreach (var endpoint in All)
        {
            if (string.Equals(endpoint.Path, path.TrimEnd('/'), StringComparison.Ordinal))
            {
                return endpoint;
            }
        }

        return null;
    }

    public static StreamEndpoint For(AlpacaSimulatorFeed feed) =>
        All.FirstOrDefault(e => e.Feed == feed) ?? throw new ArgumentOutOfRangeException(nameof(feed), feed, "Unknown simulator feed.");
}
