using WebsocketProxy.Alpaca.Errors;
using WebsocketProxy.Alpaca.Protocol;
using WebsocketProxy.Client;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>
/// The trading stream's connection (<c>/stream</c> on the trading host). Authentication is the prelude and readiness is
/// <c>"status":"authorized"</c>; listening to <c>trade_updates</c> is the connection's one subscription (see
/// <see cref="AlpacaTradingMessages.ListenTemplate"/>), so the proxy listens only after authorization, as every
/// official SDK does, and listens again after each reconnect, once for every process of the account.
/// </summary>
internal sealed partial class AlpacaUpstream
{
    /// <summary>Opens the account's trading stream through <paramref name="client"/>.</summary>
    /// <exception cref="AlpacaStreamException">Alpaca refused the session: 402 (unauthorized: wrong key, or a paper key on the live host), 406 (connection limit).</exception>
    public static async Task<AlpacaUpstream> OpenTradingAsync(WebsocketProxyClient client, AlpacaCredentials credentials, Uri url, AlpacaProxyOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await OpenWithinLimitAsync(client, TradingConnectionOptions(credentials, url, options), options, cancellationToken).ConfigureAwait(false);
            // JSON on the wire: the trading stream has no MessagePack form (paper sends its JSON in binary frames).
            return new AlpacaUpstream(connection, AlpacaWireFormat.Json, new AlpacaTradingTracker(), _ => AlpacaTradingMessages.ListenToTradeUpdates);
        }
        catch (WebsocketProxyException ex) when (AlpacaErrorText.TryParse(ex.Message, out var error))
        {
            throw new AlpacaStreamException(error.Code, error.ServerMessage, ex);
        }
    }

    private static ProxyConnectionOptions TradingConnectionOptions(AlpacaCredentials credentials, Uri url, AlpacaProxyOptions options) => new()
    {
        Url = url,
        // Keyed on URL + prelude (hashed) like market data: the processes of one account share one session.
        Prelude = [System.Text.Encoding.UTF8.GetString(AlpacaTradingMessages.Authenticate(credentials))],
        // Markers are matched on the bytes of text and binary frames alike (paper sends its JSON in binary frames).
        ReadinessMarker = "\"status\":\"authorized\"",
        // Wrong key or secret, or a key of the other environment: a retry cannot help.
        FatalMarkers = ["\"status\":\"unauthorized\""],
        // Too many connections for the account: as 406 on market data, fatal at first, waited out after a drop.
        RetryAfterDropMarkers = ["\"status\":\"exceeded\""],
        RetryAfterDropWindow = options.ConnectionLimitRetryWindow,
        InitialBackoff = options.ReconnectInitialBackoff,
        MaxBackoff = options.ReconnectMaxBackoff,
        StableSessionThreshold = options.StableSessionThreshold,
        KeepAliveInterval = options.KeepAliveInterval,
        KeepAliveTimeout = options.KeepAliveTimeout,
        // Order events are rare: silence is normal, so the stale-data watchdog never applies here.
        StaleDataTimeout = TimeSpan.Zero,
    };
}
