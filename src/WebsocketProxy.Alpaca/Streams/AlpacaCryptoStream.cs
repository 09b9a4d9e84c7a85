using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>
/// Alpaca's real-time crypto data as typed async streams: <see cref="AlpacaProxy.Crypto"/>. Its upstream connection
/// opens on first use, so a process that never reads crypto never opens one.
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
public sealed partial class AlpacaCryptoStream : AlpacaStream
{
    internal AlpacaCryptoStream(Func<CancellationToken, Task<AlpacaUpstream>> open, StreamOptions options)
        : base(Protocol, "bars", open, options)
    {
    }

    // One interning table for every Alpaca stream of the process: symbols and conditions become shared strings.
    private static AlpacaDecodeContext Context => AlpacaDecodeContext.Shared;

    [StreamChannel("trades", TypeCode = "t", DecoderType = typeof(CryptoTradeDecoder), Description = "trades")]
    public partial IAsyncEnumerable<CryptoTrade> Trades(string symbol, CancellationToken cancellationToken = default);

    [StreamChannel("quotes", TypeCode = "q", DecoderType = typeof(CryptoQuoteDecoder), Description = "quotes")]
    public partial IAsyncEnumerable<CryptoQuote> Quotes(string symbol, CancellationToken cancellationToken = default);

    [StreamChannel("bars", TypeCode = "b", DecoderType = typeof(CryptoBarDecoder), Description = "minute bars")]
    public partial IAsyncEnumerable<CryptoBar> Bars(string symbol, CancellationToken cancellationToken = default);

    [StreamChannel("dailyBars", TypeCode = "d", DecoderType = typeof(CryptoBarDecoder), Description = "daily bars")]
    public partial IAsyncEnumerable<CryptoBar> DailyBars(string symbol, CancellationToken cancellationToken = default);

    [StreamChannel("updatedBars", TypeCode = "u", DecoderType = typeof(CryptoBarDecoder), Description = "corrected minute bars")]
    public partial IAsyncEnumerable<CryptoBar> UpdatedBars(string symbol, CancellationToken cancellationToken = default);

    [StreamChannel("orderbooks", TypeCode = "o", DecoderType = typeof(CryptoOrderBookDecoder), Description = "order book snapshots and updates")]
    public partial IAsyncEnumerable<CryptoOrderBook> OrderBooks(string symbol, CancellationToken cancellationToken = default);
}
