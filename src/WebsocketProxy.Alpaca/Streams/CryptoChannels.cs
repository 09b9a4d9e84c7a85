using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>The crypto stream's channels as the generator sees them; <see cref="AlpacaCryptoStream"/> is the public face.</summary>
[StreamProtocol(
    Discriminator = "T",
    SymbolField = "S",
    Subscribe = "{\"action\":\"subscribe\",\"{channel}\":[{topics}]}",
    Unsubscribe = "{\"action\":\"unsubscribe\",\"{channel}\":[{topics}]}",
    MaxTopicsPerMessage = 100,
    DecodeContext = nameof(Context))]
internal sealed partial class CryptoChannels
{
    // One interning table for every Alpaca stream of the process: symbols and conditions become shared strings.
    private static AlpacaDecodeContext Context => AlpacaDecodeContext.Shared;

    [StreamChannel("trades", TypeCode = "t", DecoderType = typeof(CryptoTradeDecoder))]
    public partial IAsyncEnumerable<CryptoTrade> Trades(string symbol, CancellationToken cancellationToken);

    [StreamChannel("trades", TypeCode = "t", DecoderType = typeof(CryptoTradeDecoder))]
    public partial IAsyncEnumerable<CryptoTrade> Trades(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("trades", TypeCode = "t", DecoderType = typeof(CryptoTradeDecoder))]
    public partial IAsyncEnumerable<CryptoTrade> Trades(IEnumerable<string> symbols, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("trades", TypeCode = "t", DecoderType = typeof(CryptoTradeDecoder))]
    public partial IAsyncEnumerable<CryptoTrade> Trades(StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("quotes", TypeCode = "q", DecoderType = typeof(CryptoQuoteDecoder))]
    public partial IAsyncEnumerable<CryptoQuote> Quotes(string symbol, CancellationToken cancellationToken);

    [StreamChannel("quotes", TypeCode = "q", DecoderType = typeof(CryptoQuoteDecoder))]
    public partial IAsyncEnumerable<CryptoQuote> Quotes(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("quotes", TypeCode = "q", DecoderType = typeof(CryptoQuoteDecoder))]
    public partial IAsyncEnumerable<CryptoQuote> Quotes(IEnumerable<string> symbols, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("quotes", TypeCode = "q", DecoderType = typeof(CryptoQuoteDecoder))]
    public partial IAsyncEnumerable<CryptoQuote> Quotes(StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("bars", TypeCode = "b", DecoderType = typeof(CryptoBarDecoder))]
    public partial IAsyncEnumerable<CryptoBar> Bars(string symbol, CancellationToken cancellationToken);

    [StreamChannel("bars", TypeCode = "b", DecoderType = typeof(CryptoBarDecoder))]
    public partial IAsyncEnumerable<CryptoBar> Bars(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("bars", TypeCode = "b", DecoderType = typeof(CryptoBarDecoder))]
    public partial IAsyncEnumerable<CryptoBar> Bars(IEnumerable<string> symbols, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("bars", TypeCode = "b", DecoderType = typeof(CryptoBarDecoder))]
    public partial IAsyncEnumerable<CryptoBar> Bars(StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("dailyBars", TypeCode = "d", DecoderType = typeof(CryptoBarDecoder))]
    public partial IAsyncEnumerable<CryptoBar> DailyBars(string symbol, CancellationToken cancellationToken);

    [StreamChannel("dailyBars", TypeCode = "d", DecoderType = typeof(CryptoBarDecoder))]
    public partial IAsyncEnumerable<CryptoBar> DailyBars(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("dailyBars", TypeCode = "d", DecoderType = typeof(CryptoBarDecoder))]
    public partial IAsyncEnumerable<CryptoBar> DailyBars(IEnumerable<string> symbols, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("dailyBars", TypeCode = "d", DecoderType = typeof(CryptoBarDecoder))]
    public partial IAsyncEnumerable<CryptoBar> DailyBars(StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("updatedBars", TypeCode = "u", DecoderType = typeof(CryptoBarDecoder))]
    public partial IAsyncEnumerable<CryptoBar> UpdatedBars(string symbol, CancellationToken cancellationToken);

    [StreamChannel("updatedBars", TypeCode = "u", DecoderType = typeof(CryptoBarDecoder))]
    public partial IAsyncEnumerable<CryptoBar> UpdatedBars(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("updatedBars", TypeCode = "u", DecoderType = typeof(CryptoBarDecoder))]
    public partial IAsyncEnumerable<CryptoBar> UpdatedBars(IEnumerable<string> symbols, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("updatedBars", TypeCode = "u", DecoderType = typeof(CryptoBarDecoder))]
    public partial IAsyncEnumerable<CryptoBar> UpdatedBars(StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("orderbooks", TypeCode = "o", DecoderType = typeof(CryptoOrderBookDecoder))]
    public partial IAsyncEnumerable<CryptoOrderBook> OrderBooks(string symbol, CancellationToken cancellationToken);

    [StreamChannel("orderbooks", TypeCode = "o", DecoderType = typeof(CryptoOrderBookDecoder))]
    public partial IAsyncEnumerable<CryptoOrderBook> OrderBooks(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("orderbooks", TypeCode = "o", DecoderType = typeof(CryptoOrderBookDecoder))]
    public partial IAsyncEnumerable<CryptoOrderBook> OrderBooks(IEnumerable<string> symbols, StreamBufferOptions? buffer, CancellationToken cancellationToken);

    [StreamChannel("orderbooks", TypeCode = "o", DecoderType = typeof(CryptoOrderBookDecoder))]
    public partial IAsyncEnumerable<CryptoOrderBook> OrderBooks(StreamBufferOptions? buffer, CancellationToken cancellationToken);
}
