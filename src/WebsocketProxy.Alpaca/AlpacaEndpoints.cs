namespace WebsocketProxy.Alpaca;

/// <summary>Builds the WebSocket URLs of Alpaca's market-data streams, on Alpaca's hosts or on any base address (a simulator).</summary>
public static class AlpacaEndpoints
{
    /// <summary>The production host.</summary>
    public static Uri ProductionHost { get; } = new("wss://stream.data.alpaca.markets/");

    /// <summary>The sandbox host.</summary>
    public static Uri SandboxHost { get; } = new("wss://stream.data.sandbox.alpaca.markets/");

    /// <summary>The paper trading host (stream and order calls).</summary>
    public static Uri PaperTradingHost { get; } = new("https://paper-api.alpaca.markets/");

    /// <summary>The live trading host (stream and order calls).</summary>
    public static Uri LiveTradingHost { get; } = new("https://api.alpaca.markets/");

    /// <summary>The trading host of <paramref name="environment"/>, as an https address: the order calls' base address.</summary>
    public static Uri TradingHost(AlpacaTradingEnvironment environment) => environment switch
    {
        AlpacaTradingEnvironment.Paper => PaperTradingHost,
        AlpacaTradingEnvironment.Live => LiveTradingHost,
        _ => throw new ArgumentOutOfRangeException(nameof(environment), environment, "Unknown Alpaca trading environment."),
    };

    /// <summary>The trading stream URL (<c>wss://paper-api.alpaca.markets/stream</c> or <c>wss://api.alpaca.markets/stream</c>).</summary>
    public static Uri Trading(AlpacaTradingEnvironment environment) =>
        new($"wss://{TradingHost(environment).Host}/{Path(AlpacaStreamKind.Trading)}");

    /// <summary>The host of <paramref name="environment"/>.</summary>
    public static Uri Host(AlpacaEnvironment environment) => environment switch
    {
        AlpacaEnvironment.Production => ProductionHost,
        AlpacaEnvironment.Sandbox => SandboxHost,
        _ => throw new ArgumentOutOfRangeException(nameof(environment), environment, "Unknown Alpaca environment."),
    };

    /// <summary>The path of a stream, for example <c>v2/iex</c> or <c>v1beta3/crypto/us</c> (no leading slash).</summary>
    /// <param name="stream">Which stream.</param>
    /// <param name="feed">The stock feed; ignored for crypto, news and options (indicative: see <see cref="OptionsPath"/>).</param>
    public static string Path(AlpacaStreamKind stream, AlpacaFeed feed = AlpacaFeed.Iex) => stream switch
    {
        AlpacaStreamKind.Stocks => feed switch
        {
            AlpacaFeed.Iex => "v2/iex",
            AlpacaFeed.Sip => "v2/sip",
            AlpacaFeed.DelayedSip => "v2/delayed_sip",
            AlpacaFeed.Test => "v2/test",
            AlpacaFeed.Boats => "v1beta1/boats",
            AlpacaFeed.Overnight => "v1beta1/overnight",
            _ => throw new ArgumentOutOfRangeException(nameof(feed), feed, "Unknown Alpaca feed."),
        },
        AlpacaStreamKind.Crypto => CryptoPath(AlpacaCryptoLocation.Us),
        AlpacaStreamKind.News => "v1beta1/news",
        AlpacaStreamKind.Options => OptionsPath(AlpacaOptionsFeed.Indicative),
        AlpacaStreamKind.Trading => "stream",
        _ => throw new ArgumentOutOfRangeException(nameof(stream), stream, "Unknown Alpaca stream."),
    };

    /// <summary>The path of an options stream, <c>v1beta1/indicative</c> or <c>v1beta1/opra</c> (no leading slash).</summary>
    /// <param name="feed">The options feed.</param>
    public static string OptionsPath(AlpacaOptionsFeed feed) => feed switch
    {
        AlpacaOptionsFeed.Indicative => "v1beta1/indicative",
        AlpacaOptionsFeed.Opra => "v1beta1/opra",
        _ => throw new ArgumentOutOfRangeException(nameof(feed), feed, "Unknown Alpaca options feed."),
    };

    /// <summary>The options stream URL of a feed on Alpaca's host for <paramref name="environment"/>.</summary>
    /// <param name="feed">The options feed.</param>
    /// <param name="environment">Production or sandbox.</param>
    public static Uri OptionsAt(AlpacaOptionsFeed feed, AlpacaEnvironment environment) => Combine(Host(environment), OptionsPath(feed));

    /// <summary>The options stream URL of a feed under <paramref name="baseAddress"/>, for example a local simulator's.</summary>
    /// <param name="feed">The options feed.</param>
    /// <param name="baseAddress">An absolute ws:// or wss:// address.</param>
    /// <exception cref="ArgumentException">The base address is not an absolute ws or wss URL.</exception>
    public static Uri OptionsAt(AlpacaOptionsFeed feed, Uri baseAddress) => Combine(baseAddress, OptionsPath(feed));

    /// <summary>The path of the crypto stream of a venue, such as <c>v1beta3/crypto/eu-1</c> (no leading slash).</summary>
    /// <param name="location">The venue.</param>
    public static string CryptoPath(AlpacaCryptoLocation location) => location switch
    {
        AlpacaCryptoLocation.Us => "v1beta3/crypto/us",
        AlpacaCryptoLocation.Us1 => "v1beta3/crypto/us-1",
        AlpacaCryptoLocation.Eu1 => "v1beta3/crypto/eu-1",
        _ => throw new ArgumentOutOfRangeException(nameof(location), location, "Unknown Alpaca crypto location."),
    };

    /// <summary>The crypto stream URL of a venue on Alpaca's host for <paramref name="environment"/>.</summary>
    /// <param name="location">The venue.</param>
    /// <param name="environment">Production or sandbox.</param>
    public static Uri CryptoAt(AlpacaCryptoLocation location, AlpacaEnvironment environment) => Combine(Host(environment), CryptoPath(location));

    /// <summary>The crypto stream URL of a venue under <paramref name="baseAddress"/>, for example a local simulator's.</summary>
    /// <param name="location">The venue.</param>
    /// <param name="baseAddress">An absolute ws:// or wss:// address.</param>
    /// <exception cref="ArgumentException">The base address is not an absolute ws or wss URL.</exception>
    public static Uri CryptoAt(AlpacaCryptoLocation location, Uri baseAddress) => Combine(baseAddress, CryptoPath(location));

    /// <summary>The URL of a stream on Alpaca's host for <paramref name="environment"/>.</summary>
    public static Uri For(AlpacaStreamKind stream, AlpacaFeed feed = AlpacaFeed.Iex, AlpacaEnvironment environment = AlpacaEnvironment.Production) =>
        For(stream, feed, Host(environment));

    /// <summary>The URL of a stream under <paramref name="baseAddress"/>, for example a local simulator's <c>ws://127.0.0.1:5000/</c>.</summary>
    /// <exception cref="ArgumentException">The base address is not an absolute ws or wss URL.</exception>
    public static Uri For(AlpacaStreamKind stream, AlpacaFeed feed, Uri baseAddress) => Combine(baseAddress, Path(stream, feed));

    private static Uri Combine(Uri baseAddress, string path)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != "ws" && baseAddress.Scheme != "wss"))
        {
            throw new ArgumentException($"'{baseAddress}' is not an absolute ws:// or wss:// address.", nameof(baseAddress));
        }

        // A base without a trailing slash would lose its last segment when combined.
        var root = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        return new Uri(root, path);
    }

    /// <summary>The stocks stream URL.</summary>
    public static Uri Stocks(AlpacaFeed feed, AlpacaEnvironment environment = AlpacaEnvironment.Production) =>
        For(AlpacaStreamKind.Stocks, feed, environment);

    /// <summary>The crypto stream URL.</summary>
    public static Uri Crypto(AlpacaEnvironment environment = AlpacaEnvironment.Production) =>
        For(AlpacaStreamKind.Crypto, AlpacaFeed.Iex, environment);

    /// <summary>The news stream URL.</summary>
    public static Uri News(AlpacaEnvironment environment = AlpacaEnvironment.Production) =>
        For(AlpacaStreamKind.News, AlpacaFeed.Iex, environment);

    /// <summary>The options stream URL.</summary>
    public static Uri Options(AlpacaOptionsFeed feed = AlpacaOptionsFeed.Indicative, AlpacaEnvironment environment = AlpacaEnvironment.Production) =>
        OptionsAt(feed, environment);
}
