using WebsocketProxy.Alpaca.Errors;
using WebsocketProxy.Alpaca.Streams;
using WebsocketProxy.Client;

namespace WebsocketProxy.Alpaca;

/// <summary>
/// How the typed layer opens and subscribes Alpaca market-data connections through the proxy, for code that talks to
/// the proxy with the raw API (<see cref="WebsocketProxyClient"/>) and wants the same settings: the same connection
/// options make the same upstream connection key, so such code shares one upstream connection with the typed streams
/// of the same credentials and wire format, and the same templates count the same topics (one per channel and symbol).
/// The Alpaca gateway (<c>alpaca-gateway</c>) is built on it.
/// </summary>
public static class AlpacaProxyConnections
{
    /// <summary>
    /// The proxy connection options of a market-data stream: authentication by the credentials' mode (prelude or
    /// handshake headers), <c>Content-Type: application/msgpack</c> for MessagePack, Alpaca's readiness and error
    /// markers, and the resilience settings of <paramref name="options"/> (backoff, keep-alive, the 406 window).
    /// The result holds the secret: never log it.
    /// </summary>
    /// <param name="credentials">The account's credentials.</param>
    /// <param name="url">The stream's URL (see <see cref="AlpacaEndpoints"/>).</param>
    /// <param name="options">The settings; <see cref="AlpacaProxyOptions.WireFormat"/> chooses the codec, its feed and addresses are not used.</param>
    public static ProxyConnectionOptions MarketData(AlpacaCredentials credentials, Uri url, AlpacaProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(options);
        return AlpacaUpstream.ConnectionOptions(credentials, url, options);
    }

    /// <summary>
    /// Opens (or joins) a market-data connection through <paramref name="client"/> with <see cref="MarketData"/>'s
    /// options; with <see cref="AlpacaProxyOptions.RetryOnConnectionLimit"/> keeps trying while Alpaca answers 406.
    /// </summary>
    /// <returns>The handle; the connection is authenticated when this returns.</returns>
    /// <exception cref="AlpacaStreamException">Alpaca refused the session: its code and message (402 for wrong credentials).</exception>
    /// <exception cref="WebsocketProxyException">The proxy failed otherwise (unreachable upstream, proxy gone).</exception>
    public static Task<IProxyConnection> OpenMarketDataAsync(WebsocketProxyClient client, AlpacaCredentials credentials, Uri url, AlpacaProxyOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return AlpacaUpstream.OpenConnectionAsync(client, MarketData(credentials, url, options), options, cancellationToken);
    }

    /// <summary>
    /// The subscription template of a market-data channel (<c>trades</c>, <c>quotes</c>, <c>bars</c>, <c>news</c>...),
    /// the one the typed streams use: group = channel, topic = symbol (or <c>*</c>).
    /// </summary>
    /// <param name="channel">The channel key as Alpaca's subscribe message names it.</param>
    /// <exception cref="ArgumentException">The channel is empty or not a plain word.</exception>
    public static SubscriptionTemplate MarketDataTemplate(string channel)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        foreach (var protocol in (ReadOnlySpan<Streaming.StreamProtocol>)[AlpacaStockStream.Protocol, AlpacaCryptoStream.Protocol, AlpacaNewsStream.Protocol, AlpacaOptionsStream.Protocol])
        {
            foreach (var declared in protocol.Channels)
            {
                if (string.Equals(declared.Name, channel, StringComparison.Ordinal))
                {
                    return declared.Template;
                }
            }
        }

        if (!channel.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"'{channel}' is not an Alpaca channel key.", nameof(channel));
        }

        // A channel no typed stream declares yet: the same shape the generator writes for the declared ones.
        return new SubscriptionTemplate
        {
            Group = channel,
            Subscribe = $"{{\"action\":\"subscribe\",\"{channel}\":[{SubscriptionTemplate.TopicsPlaceholder}]}}",
            Unsubscribe = $"{{\"action\":\"unsubscribe\",\"{channel}\":[{SubscriptionTemplate.TopicsPlaceholder}]}}",
            MaxTopicsPerMessage = 100,
        };
    }
}
