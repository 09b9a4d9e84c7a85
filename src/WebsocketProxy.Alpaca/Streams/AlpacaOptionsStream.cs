using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>
/// Alpaca's real-time option data as typed async streams: <see cref="AlpacaProxy.Options"/>. Contracts are named by
/// their OCC symbols, such as <c>AAPL241220C00200000</c> (AAPL, 20 Dec 2024, call, strike 200). Its upstream
/// connection opens on first use and always speaks MessagePack (Alpaca refuses JSON there, error 412). Alpaca
/// refuses <c>"*"</c> for option quotes (error 413): <c>AllQuotes</c> fails with that error.
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
public sealed partial class AlpacaOptionsStream : AlpacaStream
{
    internal AlpacaOptionsStream(AlpacaOptionsFeed feed, Func<CancellationToken, Task<AlpacaUpstream>> open, StreamOptions options)
        : base(Protocol, "trades", open, options)
    {
        Feed = feed;
    }

    /// <summary>The feed this stream reads.</summary>
    public AlpacaOptionsFeed Feed { get; }

    // One interning table for every Alpaca stream of the process: symbols and conditions become shared strings.
    private static AlpacaDecodeContext Context => AlpacaDecodeContext.Shared;

    [StreamChannel("trades", TypeCode = "t", DecoderType = typeof(OptionTradeDecoder), Description = "option trades")]
    public partial IAsyncEnumerable<OptionTrade> Trades(string symbol, CancellationToken cancellationToken = default);

    [StreamChannel("quotes", TypeCode = "q", DecoderType = typeof(OptionQuoteDecoder), Description = "option quotes")]
    public partial IAsyncEnumerable<OptionQuote> Quotes(string symbol, CancellationToken cancellationToken = default);
}
