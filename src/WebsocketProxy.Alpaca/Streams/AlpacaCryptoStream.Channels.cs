using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Streams;

public sealed partial class AlpacaCryptoStream
{
    /// <summary>The trades of <paramref name="symbol"/>. Streams of one process share one subscription.</summary>
    /// <param name="symbol">The symbol, for example <c>AAPL</c> or <c>BTC/USD</c>.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    /// <exception cref="StreamSubscriptionException">The server refused the subscription (inner <see cref="Errors.AlpacaStreamException"/>) or did not confirm it in time.</exception>
    public IAsyncEnumerable<CryptoTrade> Trades(string symbol, CancellationToken cancellationToken = default) => _channels.Trades(symbol, cancellationToken);

    /// <summary>The trades of <paramref name="symbol"/>, buffered as <paramref name="buffer"/> says.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<CryptoTrade> Trades(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken = default) => _channels.Trades(symbol, buffer, cancellationToken);

    /// <summary>The trades of several symbols in one stream.</summary>
    /// <param name="symbols">The symbols (at least one).</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscriptions are released.</param>
    public IAsyncEnumerable<CryptoTrade> Trades(IEnumerable<string> symbols, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.Trades(symbols, buffer, cancellationToken);

    /// <summary>The trades of every symbol (<c>*</c>).</summary>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<CryptoTrade> AllTrades(StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.Trades(buffer, cancellationToken);

    /// <summary>The quotes of <paramref name="symbol"/>. Streams of one process share one subscription.</summary>
    /// <param name="symbol">The symbol, for example <c>AAPL</c> or <c>BTC/USD</c>.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    /// <exception cref="StreamSubscriptionException">The server refused the subscription (inner <see cref="Errors.AlpacaStreamException"/>) or did not confirm it in time.</exception>
    public IAsyncEnumerable<CryptoQuote> Quotes(string symbol, CancellationToken cancellationToken = default) => _channels.Quotes(symbol, cancellationToken);

    /// <summary>The quotes of <paramref name="symbol"/>, buffered as <paramref name="buffer"/> says.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<CryptoQuote> Quotes(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken = default) => _channels.Quotes(symbol, buffer, cancellationToken);

    /// <summary>The quotes of several symbols in one stream.</summary>
    /// <param name="symbols">The symbols (at least one).</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscriptions are released.</param>
    public IAsyncEnumerable<CryptoQuote> Quotes(IEnumerable<string> symbols, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.Quotes(symbols, buffer, cancellationToken);

    /// <summary>The quotes of every symbol (<c>*</c>).</summary>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<CryptoQuote> AllQuotes(StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.Quotes(buffer, cancellationToken);

    /// <summary>The minute bars of <paramref name="symbol"/>. Streams of one process share one subscription.</summary>
    /// <param name="symbol">The symbol, for example <c>AAPL</c> or <c>BTC/USD</c>.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    /// <exception cref="StreamSubscriptionException">The server refused the subscription (inner <see cref="Errors.AlpacaStreamException"/>) or did not confirm it in time.</exception>
    public IAsyncEnumerable<CryptoBar> Bars(string symbol, CancellationToken cancellationToken = default) => _channels.Bars(symbol, cancellationToken);

    /// <summary>The minute bars of <paramref name="symbol"/>, buffered as <paramref name="buffer"/> says.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<CryptoBar> Bars(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken = default) => _channels.Bars(symbol, buffer, cancellationToken);

    /// <summary>The minute bars of several symbols in one stream.</summary>
    /// <param name="symbols">The symbols (at least one).</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscriptions are released.</param>
    public IAsyncEnumerable<CryptoBar> Bars(IEnumerable<string> symbols, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.Bars(symbols, buffer, cancellationToken);

    /// <summary>The minute bars of every symbol (<c>*</c>).</summary>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<CryptoBar> AllBars(StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.Bars(buffer, cancellationToken);

    /// <summary>The daily bars of <paramref name="symbol"/>. Streams of one process share one subscription.</summary>
    /// <param name="symbol">The symbol, for example <c>AAPL</c> or <c>BTC/USD</c>.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    /// <exception cref="StreamSubscriptionException">The server refused the subscription (inner <see cref="Errors.AlpacaStreamException"/>) or did not confirm it in time.</exception>
    public IAsyncEnumerable<CryptoBar> DailyBars(string symbol, CancellationToken cancellationToken = default) => _channels.DailyBars(symbol, cancellationToken);

    /// <summary>The daily bars of <paramref name="symbol"/>, buffered as <paramref name="buffer"/> says.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<CryptoBar> DailyBars(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken = default) => _channels.DailyBars(symbol, buffer, cancellationToken);

    /// <summary>The daily bars of several symbols in one stream.</summary>
    /// <param name="symbols">The symbols (at least one).</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscriptions are released.</param>
    public IAsyncEnumerable<CryptoBar> DailyBars(IEnumerable<string> symbols, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.DailyBars(symbols, buffer, cancellationToken);

    /// <summary>The daily bars of every symbol (<c>*</c>).</summary>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<CryptoBar> AllDailyBars(StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.DailyBars(buffer, cancellationToken);

    /// <summary>The corrected minute bars of <paramref name="symbol"/>. Streams of one process share one subscription.</summary>
    /// <param name="symbol">The symbol, for example <c>AAPL</c> or <c>BTC/USD</c>.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    /// <exception cref="StreamSubscriptionException">The server refused the subscription (inner <see cref="Errors.AlpacaStreamException"/>) or did not confirm it in time.</exception>
    public IAsyncEnumerable<CryptoBar> UpdatedBars(string symbol, CancellationToken cancellationToken = default) => _channels.UpdatedBars(symbol, cancellationToken);

    /// <summary>The corrected minute bars of <paramref name="symbol"/>, buffered as <paramref name="buffer"/> says.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<CryptoBar> UpdatedBars(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken = default) => _channels.UpdatedBars(symbol, buffer, cancellationToken);

    /// <summary>The corrected minute bars of several symbols in one stream.</summary>
    /// <param name="symbols">The symbols (at least one).</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscriptions are released.</param>
    public IAsyncEnumerable<CryptoBar> UpdatedBars(IEnumerable<string> symbols, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.UpdatedBars(symbols, buffer, cancellationToken);

    /// <summary>The corrected minute bars of every symbol (<c>*</c>).</summary>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<CryptoBar> AllUpdatedBars(StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.UpdatedBars(buffer, cancellationToken);

    /// <summary>The order book snapshots and updates of <paramref name="symbol"/>. Streams of one process share one subscription.</summary>
    /// <param name="symbol">The symbol, for example <c>AAPL</c> or <c>BTC/USD</c>.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    /// <exception cref="StreamSubscriptionException">The server refused the subscription (inner <see cref="Errors.AlpacaStreamException"/>) or did not confirm it in time.</exception>
    public IAsyncEnumerable<CryptoOrderBook> OrderBooks(string symbol, CancellationToken cancellationToken = default) => _channels.OrderBooks(symbol, cancellationToken);

    /// <summary>The order book snapshots and updates of <paramref name="symbol"/>, buffered as <paramref name="buffer"/> says.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<CryptoOrderBook> OrderBooks(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken = default) => _channels.OrderBooks(symbol, buffer, cancellationToken);

    /// <summary>The order book snapshots and updates of several symbols in one stream.</summary>
    /// <param name="symbols">The symbols (at least one).</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscriptions are released.</param>
    public IAsyncEnumerable<CryptoOrderBook> OrderBooks(IEnumerable<string> symbols, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.OrderBooks(symbols, buffer, cancellationToken);

    /// <summary>The order book snapshots and updates of every symbol (<c>*</c>).</summary>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<CryptoOrderBook> AllOrderBooks(StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.OrderBooks(buffer, cancellationToken);
}
