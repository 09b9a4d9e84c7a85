using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>The stocks stream's channels as the generator sees them; <see cref="AlpacaStockStream"/> is the public face.</summary>
[StreamProtocol(
    Discriminator = "T",
    SymbolField = "S",
    Subscribe = "{\"action\":\"subscribe\",\"{channel}\":[{topics}]}",
    Unsubscribe = "{\"action\":\"unsubscribe\",\"{channel}\":[{topics}]}",
    MaxTopicsPerMessage = 100,
    DecodeContext = nameof(Context))]
internal sealed partial class StockChannels
{
    // One interning table for every Alpaca stream of the process: symbols and conditions become shared strings.
    private static AlpacaDecodeContext Context => AlpacaDecodeContext.Shared;

    [StreamChannel("trades", TypeCode = "t", DecoderType = typeof(StockTradeDecoder))]
    public partial IAsyncEnumerable<StockTrade> Trades(string symbol, CancellationToken cancellationToken);

    [StreamChannel("trades", TypeCode = "t", DecoderType = typeof(StockTradeDecoder))]
    public partial IAsyncEnumerable<StockTrade> Trades(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("trades", TypeCode = "t", DecoderType = typeof(StockTradeDecoder))]
    public partial IAsyncEnumerable<StockTrade> Trades(IEnumerable<string> symbols, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("trades", TypeCode = "t", DecoderType = typeof(StockTradeDecoder))]
    public partial IAsyncEnumerable<StockTrade> Trades(StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("quotes", TypeCode = "q", DecoderType = typeof(StockQuoteDecoder))]
    public partial IAsyncEnumerable<StockQuote> Quotes(string symbol, CancellationToken cancellationToken);

    [StreamChannel("quotes", TypeCode = "q", DecoderType = typeof(StockQuoteDecoder))]
    public partial IAsyncEnumerable<StockQuote> Quotes(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("quotes", TypeCode = "q", DecoderType = typeof(StockQuoteDecoder))]
    public partial IAsyncEnumerable<StockQuote> Quotes(IEnumerable<string> symbols, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("quotes", TypeCode = "q", DecoderType = typeof(StockQuoteDecoder))]
    public partial IAsyncEnumerable<StockQuote> Quotes(StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("bars", TypeCode = "b", DecoderType = typeof(StockBarDecoder))]
    public partial IAsyncEnumerable<StockBar> Bars(string symbol, CancellationToken cancellationToken);

    [StreamChannel("bars", TypeCode = "b", DecoderType = typeof(StockBarDecoder))]
    public partial IAsyncEnumerable<StockBar> Bars(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("bars", TypeCode = "b", DecoderType = typeof(StockBarDecoder))]
    public partial IAsyncEnumerable<StockBar> Bars(IEnumerable<string> symbols, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("bars", TypeCode = "b", DecoderType = typeof(StockBarDecoder))]
    public partial IAsyncEnumerable<StockBar> Bars(StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("dailyBars", TypeCode = "d", DecoderType = typeof(StockBarDecoder))]
    public partial IAsyncEnumerable<StockBar> DailyBars(string symbol, CancellationToken cancellationToken);

    [StreamChannel("dailyBars", TypeCode = "d", DecoderType = typeof(StockBarDecoder))]
    public partial IAsyncEnumerable<StockBar> DailyBars(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("dailyBars", TypeCode = "d", DecoderType = typeof(StockBarDecoder))]
    public partial IAsyncEnumerable<StockBar> DailyBars(IEnumerable<string> symbols, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("dailyBars", TypeCode = "d", DecoderType = typeof(StockBarDecoder))]
    public partial IAsyncEnumerable<StockBar> DailyBars(StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("updatedBars", TypeCode = "u", DecoderType = typeof(StockBarDecoder))]
    public partial IAsyncEnumerable<StockBar> UpdatedBars(string symbol, CancellationToken cancellationToken);

    [StreamChannel("updatedBars", TypeCode = "u", DecoderType = typeof(StockBarDecoder))]
    public partial IAsyncEnumerable<StockBar> UpdatedBars(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("updatedBars", TypeCode = "u", DecoderType = typeof(StockBarDecoder))]
    public partial IAsyncEnumerable<StockBar> UpdatedBars(IEnumerable<string> symbols, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("updatedBars", TypeCode = "u", DecoderType = typeof(StockBarDecoder))]
    public partial IAsyncEnumerable<StockBar> UpdatedBars(StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("statuses", TypeCode = "s", DecoderType = typeof(TradingStatusDecoder))]
    public partial IAsyncEnumerable<TradingStatus> Statuses(string symbol, CancellationToken cancellationToken);

    [StreamChannel("statuses", TypeCode = "s", DecoderType = typeof(TradingStatusDecoder))]
    public partial IAsyncEnumerable<TradingStatus> Statuses(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("statuses", TypeCode = "s", DecoderType = typeof(TradingStatusDecoder))]
    public partial IAsyncEnumerable<TradingStatus> Statuses(IEnumerable<string> symbols, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("statuses", TypeCode = "s", DecoderType = typeof(TradingStatusDecoder))]
    public partial IAsyncEnumerable<TradingStatus> Statuses(StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("lulds", TypeCode = "l", DecoderType = typeof(LimitUpLimitDownDecoder))]
    public partial IAsyncEnumerable<LimitUpLimitDown> Lulds(string symbol, CancellationToken cancellationToken);

    [StreamChannel("lulds", TypeCode = "l", DecoderType = typeof(LimitUpLimitDownDecoder))]
    public partial IAsyncEnumerable<LimitUpLimitDown> Lulds(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("lulds", TypeCode = "l", DecoderType = typeof(LimitUpLimitDownDecoder))]
    public partial IAsyncEnumerable<LimitUpLimitDown> Lulds(IEnumerable<string> symbols, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("lulds", TypeCode = "l", DecoderType = typeof(LimitUpLimitDownDecoder))]
    public partial IAsyncEnumerable<LimitUpLimitDown> Lulds(StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("imbalances", TypeCode = "i", DecoderType = typeof(OrderImbalanceDecoder))]
    public partial IAsyncEnumerable<OrderImbalance> Imbalances(string symbol, CancellationToken cancellationToken);

    [StreamChannel("imbalances", TypeCode = "i", DecoderType = typeof(OrderImbalanceDecoder))]
    public partial IAsyncEnumerable<OrderImbalance> Imbalances(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("imbalances", TypeCode = "i", DecoderType = typeof(OrderImbalanceDecoder))]
    public partial IAsyncEnumerable<OrderImbalance> Imbalances(IEnumerable<string> symbols, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("imbalances", TypeCode = "i", DecoderType = typeof(OrderImbalanceDecoder))]
    public partial IAsyncEnumerable<OrderImbalance> Imbalances(StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("trades", TypeCode = "c", DecoderType = typeof(TradeCorrectionDecoder))]
    public partial IAsyncEnumerable<TradeCorrection> Corrections(string symbol, CancellationToken cancellationToken);

    [StreamChannel("trades", TypeCode = "c", DecoderType = typeof(TradeCorrectionDecoder))]
    public partial IAsyncEnumerable<TradeCorrection> Corrections(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("trades", TypeCode = "c", DecoderType = typeof(TradeCorrectionDecoder))]
    public partial IAsyncEnumerable<TradeCorrection> Corrections(IEnumerable<string> symbols, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("trades", TypeCode = "c", DecoderType = typeof(TradeCorrectionDecoder))]
    public partial IAsyncEnumerable<TradeCorrection> Corrections(StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("trades", TypeCode = "x", DecoderType = typeof(TradeCancelDecoder))]
    public partial IAsyncEnumerable<TradeCancel> CancelErrors(string symbol, CancellationToken cancellationToken);

    [StreamChannel("trades", TypeCode = "x", DecoderType = typeof(TradeCancelDecoder))]
    public partial IAsyncEnumerable<TradeCancel> CancelErrors(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("trades", TypeCode = "x", DecoderType = typeof(TradeCancelDecoder))]
    public partial IAsyncEnumerable<TradeCancel> CancelErrors(IEnumerable<string> symbols, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("trades", TypeCode = "x", DecoderType = typeof(TradeCancelDecoder))]
    public partial IAsyncEnumerable<TradeCancel> CancelErrors(StreamBufferOptions? buffer, CancellationToken cancellationToken);
}
