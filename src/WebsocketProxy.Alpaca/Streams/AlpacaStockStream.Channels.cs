using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Streams;

public sealed partial class AlpacaStockStream
{
    /// <summary>The trades of <paramref name="symbol"/>. Streams of one process share one subscription.</summary>
    /// <param name="symbol">The symbol, for example <c>AAPL</c>.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    /// <exception cref="StreamSubscriptionException">The server refused the subscription (inner <see cref="Errors.AlpacaStreamException"/>) or did not confirm it in time.</exception>
    public IAsyncEnumerable<StockTrade> Trades(string symbol, CancellationToken cancellationToken = default) => _channels.Trades(symbol, cancellationToken);

    /// <summary>The trades of <paramref name="symbol"/>, buffered as <paramref name="buffer"/> says.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<StockTrade> Trades(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken = default) => _channels.Trades(symbol, buffer, cancellationToken);

    /// <summary>The trades of several symbols in one stream.</summary>
    /// <param name="symbols">The symbols (at least one).</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscriptions are released.</param>
    public IAsyncEnumerable<StockTrade> Trades(IEnumerable<string> symbols, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.Trades(symbols, buffer, cancellationToken);

    /// <summary>The trades of every symbol (<c>*</c>).</summary>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<StockTrade> AllTrades(StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.Trades(buffer, cancellationToken);

    /// <summary>The quotes of <paramref name="symbol"/>. Streams of one process share one subscription.</summary>
    /// <param name="symbol">The symbol, for example <c>AAPL</c>.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    /// <exception cref="StreamSubscriptionException">The server refused the subscription (inner <see cref="Errors.AlpacaStreamException"/>) or did not confirm it in time.</exception>
    public IAsyncEnumerable<StockQuote> Quotes(string symbol, CancellationToken cancellationToken = default) => _channels.Quotes(symbol, cancellationToken);

    /// <summary>The quotes of <paramref name="symbol"/>, buffered as <paramref name="buffer"/> says.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<StockQuote> Quotes(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken = default) => _channels.Quotes(symbol, buffer, cancellationToken);

    /// <summary>The quotes of several symbols in one stream.</summary>
    /// <param name="symbols">The symbols (at least one).</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscriptions are released.</param>
    public IAsyncEnumerable<StockQuote> Quotes(IEnumerable<string> symbols, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.Quotes(symbols, buffer, cancellationToken);

    /// <summary>The quotes of every symbol (<c>*</c>).</summary>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<StockQuote> AllQuotes(StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.Quotes(buffer, cancellationToken);

    /// <summary>The minute bars of <paramref name="symbol"/>. Streams of one process share one subscription.</summary>
    /// <param name="symbol">The symbol, for example <c>AAPL</c>.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    /// <exception cref="StreamSubscriptionException">The server refused the subscription (inner <see cref="Errors.AlpacaStreamException"/>) or did not confirm it in time.</exception>
    public IAsyncEnumerable<StockBar> Bars(string symbol, CancellationToken cancellationToken = default) => _channels.Bars(symbol, cancellationToken);

    /// <summary>The minute bars of <paramref name="symbol"/>, buffered as <paramref name="buffer"/> says.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<StockBar> Bars(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken = default) => _channels.Bars(symbol, buffer, cancellationToken);

    /// <summary>The minute bars of several symbols in one stream.</summary>
    /// <param name="symbols">The symbols (at least one).</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscriptions are released.</param>
    public IAsyncEnumerable<StockBar> Bars(IEnumerable<string> symbols, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.Bars(symbols, buffer, cancellationToken);

    /// <summary>The minute bars of every symbol (<c>*</c>).</summary>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<StockBar> AllBars(StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.Bars(buffer, cancellationToken);

    /// <summary>The daily bars of <paramref name="symbol"/>. Streams of one process share one subscription.</summary>
    /// <param name="symbol">The symbol, for example <c>AAPL</c>.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    /// <exception cref="StreamSubscriptionException">The server refused the subscription (inner <see cref="Errors.AlpacaStreamException"/>) or did not confirm it in time.</exception>
    public IAsyncEnumerable<StockBar> DailyBars(string symbol, CancellationToken cancellationToken = default) => _channels.DailyBars(symbol, cancellationToken);

    /// <summary>The daily bars of <paramref name="symbol"/>, buffered as <paramref name="buffer"/> says.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<StockBar> DailyBars(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken = default) => _channels.DailyBars(symbol, buffer, cancellationToken);

    /// <summary>The daily bars of several symbols in one stream.</summary>
    /// <param name="symbols">The symbols (at least one).</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscriptions are released.</param>
    public IAsyncEnumerable<StockBar> DailyBars(IEnumerable<string> symbols, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.DailyBars(symbols, buffer, cancellationToken);

    /// <summary>The daily bars of every symbol (<c>*</c>).</summary>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<StockBar> AllDailyBars(StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.DailyBars(buffer, cancellationToken);

    /// <summary>The corrected minute bars of <paramref name="symbol"/>. Streams of one process share one subscription.</summary>
    /// <param name="symbol">The symbol, for example <c>AAPL</c>.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    /// <exception cref="StreamSubscriptionException">The server refused the subscription (inner <see cref="Errors.AlpacaStreamException"/>) or did not confirm it in time.</exception>
    public IAsyncEnumerable<StockBar> UpdatedBars(string symbol, CancellationToken cancellationToken = default) => _channels.UpdatedBars(symbol, cancellationToken);

    /// <summary>The corrected minute bars of <paramref name="symbol"/>, buffered as <paramref name="buffer"/> says.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<StockBar> UpdatedBars(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken = default) => _channels.UpdatedBars(symbol, buffer, cancellationToken);

    /// <summary>The corrected minute bars of several symbols in one stream.</summary>
    /// <param name="symbols">The symbols (at least one).</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscriptions are released.</param>
    public IAsyncEnumerable<StockBar> UpdatedBars(IEnumerable<string> symbols, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.UpdatedBars(symbols, buffer, cancellationToken);

    /// <summary>The corrected minute bars of every symbol (<c>*</c>).</summary>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<StockBar> AllUpdatedBars(StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.UpdatedBars(buffer, cancellationToken);

    /// <summary>The trading statuses (halts and resumptions) of <paramref name="symbol"/>. Streams of one process share one subscription.</summary>
    /// <param name="symbol">The symbol, for example <c>AAPL</c>.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    /// <exception cref="StreamSubscriptionException">The server refused the subscription (inner <see cref="Errors.AlpacaStreamException"/>) or did not confirm it in time.</exception>
    public IAsyncEnumerable<TradingStatus> Statuses(string symbol, CancellationToken cancellationToken = default) => _channels.Statuses(symbol, cancellationToken);

    /// <summary>The trading statuses (halts and resumptions) of <paramref name="symbol"/>, buffered as <paramref name="buffer"/> says.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<TradingStatus> Statuses(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken = default) => _channels.Statuses(symbol, buffer, cancellationToken);

    /// <summary>The trading statuses (halts and resumptions) of several symbols in one stream.</summary>
    /// <param name="symbols">The symbols (at least one).</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscriptions are released.</param>
    public IAsyncEnumerable<TradingStatus> Statuses(IEnumerable<string> symbols, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.Statuses(symbols, buffer, cancellationToken);

    /// <summary>The trading statuses (halts and resumptions) of every symbol (<c>*</c>).</summary>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<TradingStatus> AllStatuses(StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.Statuses(buffer, cancellationToken);

    /// <summary>The limit-up/limit-down bands of <paramref name="symbol"/>. Streams of one process share one subscription.</summary>
    /// <param name="symbol">The symbol, for example <c>AAPL</c>.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    /// <exception cref="StreamSubscriptionException">The server refused the subscription (inner <see cref="Errors.AlpacaStreamException"/>) or did not confirm it in time.</exception>
    public IAsyncEnumerable<LimitUpLimitDown> Lulds(string symbol, CancellationToken cancellationToken = default) => _channels.Lulds(symbol, cancellationToken);

    /// <summary>The limit-up/limit-down bands of <paramref name="symbol"/>, buffered as <paramref name="buffer"/> says.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<LimitUpLimitDown> Lulds(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken = default) => _channels.Lulds(symbol, buffer, cancellationToken);

    /// <summary>The limit-up/limit-down bands of several symbols in one stream.</summary>
    /// <param name="symbols">The symbols (at least one).</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscriptions are released.</param>
    public IAsyncEnumerable<LimitUpLimitDown> Lulds(IEnumerable<string> symbols, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.Lulds(symbols, buffer, cancellationToken);

    /// <summary>The limit-up/limit-down bands of every symbol (<c>*</c>).</summary>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<LimitUpLimitDown> AllLulds(StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.Lulds(buffer, cancellationToken);

    /// <summary>The order imbalances of <paramref name="symbol"/>. Streams of one process share one subscription.</summary>
    /// <param name="symbol">The symbol, for example <c>AAPL</c>.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    /// <exception cref="StreamSubscriptionException">The server refused the subscription (inner <see cref="Errors.AlpacaStreamException"/>) or did not confirm it in time.</exception>
    public IAsyncEnumerable<OrderImbalance> Imbalances(string symbol, CancellationToken cancellationToken = default) => _channels.Imbalances(symbol, cancellationToken);

    /// <summary>The order imbalances of <paramref name="symbol"/>, buffered as <paramref name="buffer"/> says.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<OrderImbalance> Imbalances(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken = default) => _channels.Imbalances(symbol, buffer, cancellationToken);

    /// <summary>The order imbalances of several symbols in one stream.</summary>
    /// <param name="symbols">The symbols (at least one).</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscriptions are released.</param>
    public IAsyncEnumerable<OrderImbalance> Imbalances(IEnumerable<string> symbols, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.Imbalances(symbols, buffer, cancellationToken);

    /// <summary>The order imbalances of every symbol (<c>*</c>).</summary>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<OrderImbalance> AllImbalances(StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.Imbalances(buffer, cancellationToken);

    /// <summary>The trade corrections (carried by the trades subscription) of <paramref name="symbol"/>. Streams of one process share one subscription.</summary>
    /// <param name="symbol">The symbol, for example <c>AAPL</c>.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    /// <exception cref="StreamSubscriptionException">The server refused the subscription (inner <see cref="Errors.AlpacaStreamException"/>) or did not confirm it in time.</exception>
    public IAsyncEnumerable<TradeCorrection> Corrections(string symbol, CancellationToken cancellationToken = default) => _channels.Corrections(symbol, cancellationToken);

    /// <summary>The trade corrections (carried by the trades subscription) of <paramref name="symbol"/>, buffered as <paramref name="buffer"/> says.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<TradeCorrection> Corrections(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken = default) => _channels.Corrections(symbol, buffer, cancellationToken);

    /// <summary>The trade corrections (carried by the trades subscription) of several symbols in one stream.</summary>
    /// <param name="symbols">The symbols (at least one).</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscriptions are released.</param>
    public IAsyncEnumerable<TradeCorrection> Corrections(IEnumerable<string> symbols, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.Corrections(symbols, buffer, cancellationToken);

    /// <summary>The trade corrections (carried by the trades subscription) of every symbol (<c>*</c>).</summary>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<TradeCorrection> AllCorrections(StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.Corrections(buffer, cancellationToken);

    /// <summary>The trade cancels and errors (carried by the trades subscription) of <paramref name="symbol"/>. Streams of one process share one subscription.</summary>
    /// <param name="symbol">The symbol, for example <c>AAPL</c>.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    /// <exception cref="StreamSubscriptionException">The server refused the subscription (inner <see cref="Errors.AlpacaStreamException"/>) or did not confirm it in time.</exception>
    public IAsyncEnumerable<TradeCancel> CancelErrors(string symbol, CancellationToken cancellationToken = default) => _channels.CancelErrors(symbol, cancellationToken);

    /// <summary>The trade cancels and errors (carried by the trades subscription) of <paramref name="symbol"/>, buffered as <paramref name="buffer"/> says.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<TradeCancel> CancelErrors(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken = default) => _channels.CancelErrors(symbol, buffer, cancellationToken);

    /// <summary>The trade cancels and errors (carried by the trades subscription) of several symbols in one stream.</summary>
    /// <param name="symbols">The symbols (at least one).</param>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscriptions are released.</param>
    public IAsyncEnumerable<TradeCancel> CancelErrors(IEnumerable<string> symbols, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.CancelErrors(symbols, buffer, cancellationToken);

    /// <summary>The trade cancels and errors (carried by the trades subscription) of every symbol (<c>*</c>).</summary>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<TradeCancel> AllCancelErrors(StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.CancelErrors(buffer, cancellationToken);
}
