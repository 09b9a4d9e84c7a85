using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>
/// Alpaca's real-time news as a typed async stream: <see cref="AlpacaProxy.News"/>. Its upstream connection opens on
/// first use. News is not routed by symbol: every stream receives every article, and each article lists its symbols.
/// </summary>
[StreamProtocol(
    Discriminator = "T",
    Subscribe = "{\"action\":\"subscribe\",\"{channel}\":[{topics}]}",
    Unsubscribe = "{\"action\":\"unsubscribe\",\"{channel}\":[{topics}]}",
    MaxTopicsPerMessage = 100,
    DecodeContext = nameof(Context),
    RouterSource = nameof(RouterAsync))]
public sealed partial class AlpacaNewsStream : AlpacaStream
{
    internal AlpacaNewsStream(Func<CancellationToken, Task<AlpacaUpstream>> open, StreamOptions options)
        : base(Protocol, "news", open, options)
    {
    }

    // One interning table for every Alpaca stream of the process: symbols and conditions become shared strings.
    private static AlpacaDecodeContext Context => AlpacaDecodeContext.Shared;

    [StreamChannel("news", TypeCode = "n", DecoderType = typeof(NewsArticleDecoder), Description = "news articles")]
    public partial IAsyncEnumerable<NewsArticle> Articles(CancellationToken cancellationToken = default);
}
