using WebsocketProxy.Client;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.DependencyInjection;

/// <summary>
/// The configuration-bindable form of <see cref="AlpacaProxyOptions"/> for hosted applications (section
/// <c>Alpaca</c> by convention). Leave the key and secret unset to read <c>APCA_API_KEY_ID</c> and
/// <c>APCA_API_SECRET_KEY</c> from the environment, and keep secrets out of configuration files.
/// </summary>
public sealed class AlpacaProxySettings
{
    /// <summary>The API key id.</summary>
    public string? KeyId { get; set; }

    /// <summary>The API secret; prefer a secret store or the environment.</summary>
    public string? Secret { get; set; }

    /// <summary>How the key id and secret are sent (<see cref="AlpacaAuthMode.OAuth"/> uses <see cref="OAuthToken"/>).</summary>
    public AlpacaAuthMode AuthMode { get; set; } = AlpacaAuthMode.Message;

    /// <summary>An OAuth access token, used when <see cref="AuthMode"/> is <see cref="AlpacaAuthMode.OAuth"/>; prefer a secret store or <c>APCA_API_OAUTH</c>.</summary>
    public string? OAuthToken { get; set; }

    /// <summary>The stock feed.</summary>
    public AlpacaFeed Feed { get; set; } = AlpacaFeed.Iex;

    /// <summary>Which Alpaca host.</summary>
    public AlpacaEnvironment Environment { get; set; } = AlpacaEnvironment.Production;

    /// <summary>See <see cref="AlpacaProxyOptions.WireFormat"/>: <c>MessagePack</c> (the default) or <c>Json</c>.</summary>
    public AlpacaWireFormat WireFormat { get; set; } = AlpacaProxyOptions.Default.WireFormat;

    /// <summary>See <see cref="AlpacaProxyOptions.TradingEnvironment"/>: <c>Paper</c> unless configured <c>Live</c>.</summary>
    public AlpacaTradingEnvironment TradingEnvironment { get; set; } = AlpacaTradingEnvironment.Paper;

    /// <summary>See <see cref="AlpacaProxyOptions.CryptoLocation"/>.</summary>
    public AlpacaCryptoLocation CryptoLocation { get; set; } = AlpacaCryptoLocation.Us;

    /// <summary>Another host for every stream (a simulator), or <see langword="null"/>.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The proxy instance shared by the cooperating processes.</summary>
    public string ProxyInstance { get; set; } = WebsocketProxyClientOptions.Default.Instance;

    /// <summary>The proxy executable or directory, or <see langword="null"/> to search for it.</summary>
    public string? ProxyPath { get; set; }

    /// <summary>How long a proxy started by this process lingers after its last client leaves.</summary>
    public TimeSpan ProxyGracePeriod { get; set; } = WebsocketProxyClientOptions.Default.ProxyGracePeriod;

    /// <summary>How long a subscription may take, confirmation included.</summary>
    public TimeSpan SubscribeTimeout { get; set; } = StreamOptions.Default.SubscribeTimeout;

    /// <summary>Whether a gap or reconnect ends open streams with <see cref="StreamGapException"/>.</summary>
    public bool ThrowOnGap { get; set; }

    /// <summary>See <see cref="AlpacaProxyOptions.RetryOnConnectionLimit"/>.</summary>
    public bool RetryOnConnectionLimit { get; set; }

    /// <summary>See <see cref="AlpacaProxyOptions.ConnectionLimitRetryWindow"/>.</summary>
    public TimeSpan ConnectionLimitRetryWindow { get; set; } = AlpacaProxyOptions.Default.ConnectionLimitRetryWindow;

    /// <summary>See <see cref="AlpacaProxyOptions.KeepAliveInterval"/>.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = AlpacaProxyOptions.Default.KeepAliveInterval;

    /// <summary>See <see cref="AlpacaProxyOptions.KeepAliveTimeout"/>.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = AlpacaProxyOptions.Default.KeepAliveTimeout;

    /// <summary>See <see cref="AlpacaProxyOptions.StaleDataTimeout"/>.</summary>
    public TimeSpan StaleDataTimeout { get; set; } = AlpacaProxyOptions.Default.StaleDataTimeout;

    /// <summary>
    /// The credentials from these settings, sent as <see cref="AuthMode"/> says; else, for the key forms, the key id and
    /// secret from the environment, and for <see cref="AlpacaAuthMode.OAuth"/> the token in <c>APCA_API_OAUTH</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Neither holds what <see cref="AuthMode"/> needs.</exception>
    public AlpacaCredentials Credentials()
    {
        if (AuthMode == AlpacaAuthMode.OAuth)
        {
            var token = !string.IsNullOrWhiteSpace(OAuthToken) ? OAuthToken : System.Environment.GetEnvironmentVariable(AlpacaCredentials.OAuthTokenVariable);
            return !string.IsNullOrWhiteSpace(token)
                ? AlpacaCredentials.FromOAuthToken(token)
                : throw new InvalidOperationException("No Alpaca OAuth token: set Alpaca:OAuthToken or APCA_API_OAUTH.");
        }

        var (keyId, secret) = !string.IsNullOrWhiteSpace(KeyId) && !string.IsNullOrWhiteSpace(Secret)
            ? (KeyId, Secret)
            : (System.Environment.GetEnvironmentVariable("APCA_API_KEY_ID"), System.Environment.GetEnvironmentVariable("APCA_API_SECRET_KEY"));
        if (string.IsNullOrWhiteSpace(keyId) || string.IsNullOrWhiteSpace(secret))
        {
            throw new InvalidOperationException("No Alpaca credentials: set Alpaca:KeyId and Alpaca:Secret, or APCA_API_KEY_ID and APCA_API_SECRET_KEY.");
        }

        return AuthMode switch
        {
            AlpacaAuthMode.Headers => AlpacaCredentials.FromKeyHeaders(keyId, secret),
            AlpacaAuthMode.BrokerBasic => AlpacaCredentials.FromBrokerKey(keyId, secret),
            _ => AlpacaCredentials.FromKey(keyId, secret),
        };
    }

    /// <summary>The options these settings describe.</summary>
    public AlpacaProxyOptions ToOptions() => AlpacaProxyOptions.Default with
    {
        Feed = Feed,
        Environment = Environment,
        TradingEnvironment = TradingEnvironment,
        CryptoLocation = CryptoLocation,
        WireFormat = WireFormat,
        BaseAddress = BaseAddress,
        RetryOnConnectionLimit = RetryOnConnectionLimit,
        ConnectionLimitRetryWindow = ConnectionLimitRetryWindow,
        KeepAliveInterval = KeepAliveInterval,
        KeepAliveTimeout = KeepAliveTimeout,
        StaleDataTimeout = StaleDataTimeout,
        Proxy = WebsocketProxyClientOptions.Default with { Instance = ProxyInstance, ProxyPath = ProxyPath, ProxyGracePeriod = ProxyGracePeriod },
        Streams = StreamOptions.Default with { SubscribeTimeout = SubscribeTimeout, ThrowOnGap = ThrowOnGap },
    };
}
