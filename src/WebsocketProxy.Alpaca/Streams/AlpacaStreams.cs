using WebsocketProxy.Alpaca.Errors;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>
/// Entry points of the typed Alpaca streams. Each call joins (or starts) the local proxy and opens the
/// stream's upstream connection, shared with every other process using the same credentials and URL.
/// </summary>
/// <example>
/// <code>
/// await using var stocks = await AlpacaStreams.ConnectStocksAsync(credentials, AlpacaFeed.Iex);
/// await foreach (var bar in stocks.Bars("AAPL", cancellationToken)) { … }
/// </code>
/// </example>
public static class AlpacaStreams
{
    /// <summary>Opens the US stocks stream of <paramref name="feed"/>.</summary>
    /// <param name="credentials">The API key; sent once per shared upstream session, never logged.</param>
    /// <param name="feed">The stock feed (IEX, SIP, ...).</param>
    /// <param name="options">Host, proxy and stream settings; <see cref="AlpacaStreamsOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Gives up connecting.</param>
    /// <exception cref="AlpacaStreamException">Alpaca refused the session: 402 (credentials), 406 (something outside this proxy holds the connection), 409 (plan lacks the feed).</exception>
    /// <exception cref="Client.WebsocketProxyException">The proxy could not be started or could not reach the host.</exception>
    public static async Task<AlpacaStockStream> ConnectStocksAsync(AlpacaCredentials credentials, AlpacaFeed feed = AlpacaFeed.Iex, AlpacaStreamsOptions? options = null, CancellationToken cancellationToken = default)
    {
        options = Check(credentials, options);
        var owner = await OpenAsync(credentials, options.ResolveUrl(AlpacaStreamKind.Stocks, feed), options, cancellationToken).ConfigureAwait(false);
        return await StartAsync(owner, o => AlpacaStockStream.StartAsync(o, feed, options.Streams, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Opens the crypto stream.</summary>
    /// <inheritdoc cref="ConnectStocksAsync" path="/param[@name='credentials' or @name='options' or @name='cancellationToken']"/>
    /// <exception cref="AlpacaStreamException">Alpaca refused the session (402, 406, 409).</exception>
    public static async Task<AlpacaCryptoStream> ConnectCryptoAsync(AlpacaCredentials credentials, AlpacaStreamsOptions? options = null, CancellationToken cancellationToken = default)
    {
        options = Check(credentials, options);
        var owner = await OpenAsync(credentials, options.ResolveUrl(AlpacaStreamKind.Crypto, AlpacaFeed.Iex), options, cancellationToken).ConfigureAwait(false);
        return await StartAsync(owner, o => AlpacaCryptoStream.StartAsync(o, options.Streams, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Opens the news stream.</summary>
    /// <inheritdoc cref="ConnectStocksAsync" path="/param[@name='credentials' or @name='options' or @name='cancellationToken']"/>
    /// <exception cref="AlpacaStreamException">Alpaca refused the session (402, 406, 409).</exception>
    public static async Task<AlpacaNewsStream> ConnectNewsAsync(AlpacaCredentials credentials, AlpacaStreamsOptions? options = null, CancellationToken cancellationToken = default)
    {
        options = Check(credentials, options);
        var owner = await OpenAsync(credentials, options.ResolveUrl(AlpacaStreamKind.News, AlpacaFeed.Iex), options, cancellationToken).ConfigureAwait(false);
        return await StartAsync(owner, o => AlpacaNewsStream.StartAsync(o, options.Streams, cancellationToken)).ConfigureAwait(false);
    }

    private static AlpacaStreamsOptions Check(AlpacaCredentials credentials, AlpacaStreamsOptions? options)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        options ??= AlpacaStreamsOptions.Default;
        options.Validate();
        return options;
    }

    private static async Task<T> StartAsync<T>(AlpacaUpstream owner, Func<AlpacaUpstream, Task<T>> start)
    {
        try
        {
            return await start(owner).ConfigureAwait(false);
        }
        catch
        {
            // Invalid stream options fail before the stream object owns the connection: release it here.
            await owner.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static Task<AlpacaUpstream> OpenAsync(AlpacaCredentials credentials, Uri url, AlpacaStreamsOptions options, CancellationToken cancellationToken) =>
        AlpacaUpstream.OpenAsync(credentials, url, options, cancellationToken);
}
