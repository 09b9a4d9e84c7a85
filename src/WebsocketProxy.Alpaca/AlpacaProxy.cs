using WebsocketProxy.Alpaca.Errors;
using WebsocketProxy.Alpaca.Streams;
using WebsocketProxy.Alpaca.Trading;
using WebsocketProxy.Client;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca;

/// <summary>
/// Every Alpaca stream of the process through one object and one proxy client: US stocks at the top level
/// (<c>proxy.Bars("AAPL")</c>, the common case), <see cref="Crypto"/>, <see cref="News"/> and <see cref="Options"/> beside them. Every process
/// using the same credentials shares each upstream connection through the local proxy. The stocks connection opens
/// in <see cref="ConnectAsync"/>; crypto, news and options open on first use, so a stocks-only strategy never opens them.
/// </summary>
/// <example>
/// <code>
/// await using var proxy = await AlpacaProxy.ConnectAsync(credentials, cancellationToken: ct);
/// await foreach (var bar in proxy.Bars("AAPL", ct)) { … }
/// await foreach (var quote in proxy.Crypto.Quotes("BTC/USD", ct)) { … }
/// </code>
/// </example>
[StreamFacade(typeof(AlpacaStockStream), nameof(Stocks))]
public sealed partial class AlpacaProxy : IAsyncDisposable
{
    private readonly AlpacaCredentials _credentials;
    private readonly SemaphoreSlim _clientGate = new(1, 1);
    private WebsocketProxyClient? _client;
    private AlpacaOrdersClient? _orders;
    private bool _disposed;

    private AlpacaProxy(AlpacaCredentials credentials, AlpacaProxyOptions options)
    {
        _credentials = credentials;
        Settings = options;
        Stocks = new AlpacaStockStream(options.Feed, ct => OpenUpstreamAsync(AlpacaStreamKind.Stocks, ct), options.Streams);
        Crypto = new AlpacaCryptoStream(ct => OpenUpstreamAsync(AlpacaStreamKind.Crypto, ct), options.Streams);
        News = new AlpacaNewsStream(ct => OpenUpstreamAsync(AlpacaStreamKind.News, ct), options.Streams);
        Options = new AlpacaOptionsStream(options.OptionsFeed, ct => OpenUpstreamAsync(AlpacaStreamKind.Options, ct), options.Streams);
        Trading = new AlpacaTradingStream(ct => OpenUpstreamAsync(AlpacaStreamKind.Trading, ct), options.Streams);
        foreach (var stream in Streams)
        {
            stream.ServerError += (sender, e) => ServerError?.Invoke(sender, e);
            stream.Error += (sender, e) => Error?.Invoke(sender, e);
            stream.Gap += (sender, e) => Gap?.Invoke(sender, e);
        }
    }

    /// <summary>Server errors on any of the upstream connections; the sender is the stream object. Fatal ones (402, 409) also end that object's streams.</summary>
    public event EventHandler<AlpacaErrorEventArgs>? ServerError;

    /// <summary>Messages that could not be used (malformed, unknown, failed decoders) on any stream; the sender is the stream object. The streams go on.</summary>
    public event EventHandler<StreamErrorEventArgs>? Error;

    /// <summary>Messages may have been lost on a stream (its upstream dropped and came back, or a reader fell behind); the sender is the stream object.</summary>
    public event EventHandler<StreamGapEventArgs>? Gap;

    /// <summary>US stock data of <see cref="AlpacaProxyOptions.Feed"/>; its channels are also on this object.</summary>
    public AlpacaStockStream Stocks { get; }

    /// <summary>Crypto data of <see cref="AlpacaProxyOptions.CryptoLocation"/>; its connection opens on first use.</summary>
    public AlpacaCryptoStream Crypto { get; }

    /// <summary>News articles; the connection opens on first use.</summary>
    public AlpacaNewsStream News { get; }

    /// <summary>
    /// Option trades and quotes of <see cref="AlpacaProxyOptions.OptionsFeed"/> by OCC symbol
    /// (<c>proxy.Options.Trades("AAPL241220C00200000")</c>); its connection opens on first use and always speaks MessagePack.
    /// </summary>
    public AlpacaOptionsStream Options { get; }

    /// <summary>
    /// The account's order events (<see cref="AlpacaProxyOptions.TradingEnvironment"/>: paper unless asked otherwise); the
    /// connection opens on first use. Also on this object: <see cref="TradeUpdates(StreamBufferOptions?, CancellationToken)"/>.
    /// </summary>
    public AlpacaTradingStream Trading { get; }

    /// <summary>
    /// The order calls (place, get, list, cancel) of the same account and environment as <see cref="Trading"/>, or of the
    /// simulator at <see cref="AlpacaProxyOptions.BaseAddress"/>. Created on first use, disposed with this object.
    /// </summary>
    public AlpacaOrdersClient Orders
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return LazyInitializer.EnsureInitialized(ref _orders, () => new AlpacaOrdersClient(
                _credentials,
                Settings.BaseAddress ?? AlpacaEndpoints.TradingHost(Settings.TradingEnvironment)));
        }
    }

    /// <summary>The options this object was created with (<see cref="Options"/> is the options market).</summary>
    public AlpacaProxyOptions Settings { get; }

    private AlpacaStream[] Streams => [Stocks, Crypto, News, Options, Trading];

    /// <summary>
    /// Joins (or starts) the local proxy and opens the stocks connection of <see cref="AlpacaProxyOptions.Feed"/>
    /// (unless <see cref="AlpacaProxyOptions.OpenStocksOnConnect"/> is off); crypto and news open on first use.
    /// </summary>
    /// <param name="credentials">The API key; sent once per shared upstream connection, never logged.</param>
    /// <param name="options">Feed, environment, proxy and stream settings; <see cref="AlpacaProxyOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Gives up connecting.</param>
    /// <exception cref="AlpacaStreamException">Alpaca refused the connection: 402 (credentials), 406 (something outside this proxy holds the connection), 409 (plan lacks the feed).</exception>
    /// <exception cref="WebsocketProxyException">The proxy could not be started or could not reach the host.</exception>
    public static async Task<AlpacaProxy> ConnectAsync(AlpacaCredentials credentials, AlpacaProxyOptions? options = null, CancellationToken cancellationToken = default)
    {
        var proxy = Create(credentials, options);
        try
        {
            await proxy.ClientAsync(cancellationToken).ConfigureAwait(false);
            if (proxy.Settings.OpenStocksOnConnect)
            {
                await proxy.Stocks.OpenAsync(cancellationToken).ConfigureAwait(false);
            }

            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Ends every stream, releases every upstream connection this object holds, and its proxy client.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var stream in Streams)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }

        WebsocketProxyClient? client;
        await _clientGate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            client = _client;
            _client = null;
        }
        finally
        {
            _clientGate.Release();
        }

        if (client is not null)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }

        Interlocked.Exchange(ref _orders, null)?.Dispose();
    }

    /// <summary>Every order event of the account: the same as <c>Trading.TradeUpdates(buffer)</c>.</summary>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for <see cref="StreamOptions.Buffer"/>.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The events, in Alpaca's order, from the moment the stream listens.</returns>
    public IAsyncEnumerable<TradeUpdate> TradeUpdates(StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) =>
        Trading.TradeUpdates(buffer, cancellationToken);

    /// <summary>
    /// The order events of this strategy's orders, those whose <c>client_order_id</c> starts with
    /// <paramref name="clientOrderIdPrefix"/>: the same as <c>Trading.TradeUpdates(clientOrderIdPrefix, buffer)</c>.
    /// </summary>
    /// <param name="clientOrderIdPrefix">The prefix this strategy gives its client order ids, such as <c>"momo-"</c>.</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for <see cref="StreamOptions.Buffer"/>.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The matching events, in Alpaca's order, from the moment the stream listens.</returns>
    public IAsyncEnumerable<TradeUpdate> TradeUpdates(string clientOrderIdPrefix, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) =>
        Trading.TradeUpdates(clientOrderIdPrefix, buffer, cancellationToken);

    /// <summary>An object that opens nothing until first use (hosted applications: see <c>AddAlpacaProxy</c>).</summary>
    internal static AlpacaProxy Create(AlpacaCredentials credentials, AlpacaProxyOptions? options)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        options ??= AlpacaProxyOptions.Default;
        options.Validate();
        return new AlpacaProxy(credentials, options);
    }

    /// <summary>Every stream's connection goes through the one proxy client of this object, connected on first need.</summary>
    private async Task<AlpacaUpstream> OpenUpstreamAsync(AlpacaStreamKind kind, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        if (kind == AlpacaStreamKind.Trading)
        {
            return await AlpacaUpstream.OpenTradingAsync(client, _credentials, Settings.ResolveUrl(kind), Settings, cancellationToken).ConfigureAwait(false);
        }

        // Alpaca serves options in MessagePack only (JSON gets error 412), whatever the other streams use.
        var settings = kind == AlpacaStreamKind.Options ? Settings with { WireFormat = AlpacaWireFormat.MessagePack } : Settings;
        return await AlpacaUpstream.OpenAsync(client, _credentials, settings.ResolveUrl(kind), settings, cancellationToken).ConfigureAwait(false);
    }

    private async Task<WebsocketProxyClient> ClientAsync(CancellationToken cancellationToken)
    {
        await _clientGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _client ??= await WebsocketProxyClient.ConnectAsync(Settings.Proxy, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _clientGate.Release();
        }
    }
}
