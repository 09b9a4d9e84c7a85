using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>
/// Alpaca's real-time US stock data as typed async streams: <see cref="AlpacaProxy.Stocks"/>, whose channels are also
/// on the <see cref="AlpacaProxy"/> itself. Every process using the same credentials shares one upstream connection
/// through the local proxy, and every stream shares one frame reader and one subscription per (channel, symbol).
/// </summary>
/// <remarks>Each channel is declared once below; the generator writes its other overloads and their documentation.</remarks>
[StreamProtocol(
    Discriminator = "T",
    SymbolField = "S",
    Subscribe = "{\"action\":\"subscribe\",\"{channel}\":[{topics}]}",
    Unsubscribe = "{\"action\":\"unsubscribe\",\"{channel}\":[{topics}]}",
    MaxTopicsPerMessage = 100,
    DecodeContext = nameof(Context),
    RouterSource = nameof(RouterAsync))]
public sealed partial class AlpacaStockStream : AlpacaStream
{
    internal AlpacaStockStream(AlpacaFeed feed, Func<CancellationToken, Task<AlpacaUpstream>> open, StreamOptions options)
        : base(Protocol, "bars", open, options)
    {
        Feed = feed;
    }

    /// <summary>The feed this stream reads.</summary>
    public AlpacaFeed Feed { get; }

    // One interning table for every Alpaca stream of the process: symbols and conditions become shared strings.
    private static AlpacaDecodeContext Context => AlpacaDecodeContext.Shared;

    [StreamChannel("trades", TypeCode = "t", DecoderType = typeof(StockTradeDecoder), Description = "trades")]
    public partial IAsyncEnumerable<StockTrade> Trades(string symbol, CancellationToken cancellationToken = default);

    [StreamChannel("quotes", TypeCode = "q", DecoderType = typeof(StockQuoteDecoder), Description = "quotes")]
    public partial IAsyncEnumerable<StockQuote> Quotes(string symbol, CancellationToken cancellationToken = default);

    [StreamChannel("bars", TypeCode = "b", DecoderType = typeof(StockBarDecoder), Description = "minute bars")]
    public partial IAsyncEnumerable<StockBar> Bars(string symbol, CancellationToken cancellationToken = default);

    [StreamChannel("dailyBars", TypeCode = "d", DecoderType = typeof(StockBarDecoder), Description = "daily bars")]
    public partial IAsyncEnumerable<StockBar> DailyBars(string symbol, CancellationToken cancellationToken = default);

    [StreamChannel("updatedBars", TypeCode = "u", DecoderType = typeof(StockBarDecoder), Description = "corrected minute bars")]
    public partial IAsyncEnumerable<StockBar> UpdatedBars(string symbol, CancellationToken cancellationToken = default);

    [StreamChannel("statuses", TypeCode = "s", DecoderType = typeof(TradingStatusDecoder), Description = "trading statuses (halts and resumptions)")]
    public partial IAsyncEnumerable<TradingStatus> Statuses(string symbol, CancellationToken cancellationToken = default);

    [StreamChannel("lulds", TypeCode = "l", DecoderType = typeof(LimitUpLimitDownDecoder), Description = "limit-up/limit-down bands")]
    public partial IAsyncEnumerable<LimitUpLimitDown> Lulds(string symbol, CancellationToken cancellationToken = default);

    [StreamChannel("imbalances", TypeCode = "i", DecoderType = typeof(OrderImbalanceDecoder), Description = "order imbalances")]
    public partial IAsyncEnumerable<OrderImbalance> Imbalances(string symbol, CancellationToken cancellationToken = default);

    [StreamChannel("trades", TypeCode = "c", DecoderType = typeof(TradeCorrectionDecoder), Description = "trade corrections (carried by the trades subscription)")]
    public partial IAsyncEnumerable<TradeCorrection> Corrections(string symbol, CancellationToken cancellationToken = default);

    [StreamChannel("trades", TypeCode = "x", DecoderType = typeof(TradeCancelDecoder), Description = "trade cancels and errors (carried by the trades subscription)")]
    public partial IAsyncEnumerable<TradeCancel> CancelErrors(string symbol, CancellationToken cancellationToken = default);
}
