namespace WebsocketProxy.Alpaca.Gateway.Protocol;

/// <summary>What kind of data an endpoint serves: it decides the channels, the symbol syntax and the codec rules.</summary>
internal enum MarketKind
{
    Stocks,
    Crypto,
    News,
    Options,
}

/// <summary>
/// One path the gateway serves, as Alpaca serves it: its channels (in the order a subscription reply lists them),
/// the message types each carries, and whether JSON is allowed.
/// </summary>
internal sealed class GatewayEndpoint
{
    /// <summary>The wildcard symbol: every symbol of the channel.</summary>
    public const string Star = "*";

    private static readonly string[] StockChannels = ["trades", "quotes", "bars", "updatedBars", "dailyBars", "statuses", "lulds", "imbalances"];
    private static readonly string[] CryptoChannels = ["trades", "quotes", "orderbooks", "bars", "updatedBars", "dailyBars"];
    private static readonly string[] NewsChannels = ["news"];
    private static readonly string[] OptionChannels = ["trades", "quotes"];

    private readonly int[] _channelOfType = new int[128];

    private GatewayEndpoint(string path, MarketKind market, string[] channels, (char Type, string Channel)[] types)
    {
        Path = path;
        Market = market;
        Channels = channels;
        Array.Fill(_channelOfType, -1);
        foreach (var (type, channel) in types)
        {
            _channelOfType[type] = Array.IndexOf(channels, channel);
        }
    }

    public static IReadOnlyList<GatewayEndpoint> All { get; } =
    [
        Stocks("/v2/iex"),
        Stocks("/v2/sip"),
        Stocks("/v2/delayed_sip"),
        Stocks("/v2/test"),
        Stocks("/v1beta1/boats"),
        Stocks("/v1beta1/overnight"),
        Crypto("/v1beta3/crypto/us"),
        Crypto("/v1beta3/crypto/us-1"),
        Crypto("/v1beta3/crypto/eu-1"),
        new("/v1beta1/news", MarketKind.News, NewsChannels, [('n', "news")]),
        Options("/v1beta1/indicative"),
        Options("/v1beta1/opra"),
    ];

    /// <summary>The path, <c>/v2/iex</c>.</summary>
    public string Path { get; }

    public MarketKind Market { get; }

    /// <summary>The channel keys a client may subscribe, in reply order.</summary>
    public IReadOnlyList<string> Channels { get; }

    /// <summary>Options data is MessagePack only (a JSON client gets error 412).</summary>
    public bool IsMessagePackOnly => Market == MarketKind.Options;

    /// <summary>Stocks replies also list <c>corrections</c> and <c>cancelErrors</c>, which follow <c>trades</c>.</summary>
    public bool HasTradeFollowers => Market == MarketKind.Stocks;

    /// <summary>The path without its leading slash, to append to the upstream base address.</summary>
    public string RelativePath => Path[1..];

    public static GatewayEndpoint? Find(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        foreach (var endpoint in All)
        {
            if (string.Equals(endpoint.Path, trimmed, StringComparison.Ordinal))
            {
                return endpoint;
            }
        }

        return null;
    }

    /// <summary>The stocks endpoint of a feed (<c>/v2/iex</c> for IEX): what the root path <c>/</c> serves.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a feed Alpaca streams.</exception>
    public static GatewayEndpoint OfStockFeed(AlpacaFeed feed) =>
        Find("/" + AlpacaEndpoints.Path(AlpacaStreamKind.Stocks, feed))
        ?? throw new ArgumentOutOfRangeException(nameof(feed), feed, "The gateway serves no stream for this feed.");

    /// <summary>The index in <see cref="Channels"/> of a message type (<c>T</c>), or -1 for types that are not data of this endpoint.</summary>
    public int ChannelOfType(ReadOnlySpan<byte> type) => type.Length == 1 && type[0] < 128 ? _channelOfType[type[0]] : -1;

    /// <summary>The index of a channel key, or -1.</summary>
    public int ChannelIndex(string channel)
    {
        for (var i = 0; i < Channels.Count; i++)
        {
            if (string.Equals(Channels[i], channel, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static GatewayEndpoint Stocks(string path) => new(path, MarketKind.Stocks, StockChannels,
    [
        ('t', "trades"), ('c', "trades"), ('x', "trades"), ('q', "quotes"), ('b', "bars"), ('u', "updatedBars"), ('d', "dailyBars"),
        ('s', "statuses"), ('l', "lulds"), ('i', "imbalances"),
    ]);

    private static GatewayEndpoint Crypto(string path) => new(path, MarketKind.Crypto, CryptoChannels,
        [('t', "trades"), ('q', "quotes"), ('o', "orderbooks"), ('b', "bars"), ('u', "updatedBars"), ('d', "dailyBars")]);

    private static GatewayEndpoint Options(string path) => new(path, MarketKind.Options, OptionChannels, [('t', "trades"), ('q', "quotes")]);
}
