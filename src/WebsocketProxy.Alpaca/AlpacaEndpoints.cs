namespace WebsocketProxy.Alpaca;

/// <summary>Builds the WebSocket URLs of Alpaca's market-data streams, on Alpaca's hosts or on any base address (a simulator).</summary>
public static class AlpacaEndpoints
{
    /// <summary>The production host.</summary>
    public static Uri ProductionHost { get; } = new("wss://stream.data.alpaca.markets/");

    /// <summary>The sandbox host.</summary>
    public static Uri SandboxHost { get; } = new("wss://stream.data.sandbox.alpaca.markets/");

    /// <summary>The host of <paramref name="environment"/>.</summary>
    public static Uri Host(AlpacaEnvironment environment) => environment switch
    {
        AlpacaEnvironment.Production => ProductionHost,
        AlpacaEnvironment.Sandbox => SandboxHost,
        _ => throw new ArgumentOutOfRangeException(nameof(environment), environment, "Unknown Alpaca environment."),
    };

    /// <summary>The path of a stream, for example <c>v2/iex</c> or <c>v1beta3/crypto/us</c> (no leading slash).</summary>
    /// <param name="stream">Which stream.</param>
    /// <param name="feed">The stock feed; ignored for crypto and news.</param>
    public static string Path(AlpacaStreamKind stream, AlpacaFeed feed = AlpacaFeed.Iex) => stream switch
    {
        AlpacaStreamKind.Stocks => feed switch
        {
            AlpacaFeed.Iex => "v2/iex",
            AlpacaFeed.Sip => "v2/sip",
            AlpacaFeed.DelayedSip => "v2/delayed_sip",
            AlpacaFeed.Test => "v2/test",
            _ => throw new ArgumentOutOfRangeException(nameof(feed), feed, "Unknown Alpaca feed."),
        },
        AlpacaStreamKind.Crypto => "v1beta3/crypto/us",
        AlpacaStreamKind.News => "v1beta1/news",
        _ => throw new ArgumentOutOfRangeException(nameof(stream), stream, "Unknown Alpaca stream."),
    };

    /// <summary>The URL of a stream on Alpaca's host for <paramref name="environment"/>.</summary>
    public static Uri For(AlpacaStreamKind stream, AlpacaFeed feed = AlpacaFeed.Iex, AlpacaEnvironment environment = AlpacaEnvironment.Production) =>
        For(stream, feed, Host(environment));

    /// <summary>The URL of a stream under <paramref name="baseAddress"/>, for example a local simulator's <c>ws://127.0.0.1:5000/</c>.</summary>
    /// <exception cref="ArgumentException">The base address is not an absolute ws or wss URL.</exception>
    public static Uri For(AlpacaStreamKind stream, AlpacaFeed feed, Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != "ws" && baseAddress.Scheme != "wss"))
        {
            throw new ArgumentException($"'{baseAddress}' is not an absolute ws:// or wss:// address.", nameof(baseAddress));
        }

        // A base without a trailing slash would lose its last segment when combined.
        var root = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        return new Uri(root, Path(stream, feed));
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
}
