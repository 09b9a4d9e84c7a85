using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>The news stream's channels as the generator sees them; <see cref="AlpacaNewsStream"/> is the public face.</summary>
[StreamProtocol(
    Discriminator = "T",
    Subscribe = "{\"action\":\"subscribe\",\"{channel}\":[{topics}]}",
    Unsubscribe = "{\"action\":\"unsubscribe\",\"{channel}\":[{topics}]}",
    MaxTopicsPerMessage = 100,
    DecodeContext = nameof(Context))]
internal sealed partial class NewsChannels
{
    // One interning table for every Alpaca stream of the process: symbols and conditions become shared strings.
    private static AlpacaDecodeContext Context => AlpacaDecodeContext.Shared;

    [StreamChannel("news", TypeCode = "n", DecoderType = typeof(NewsArticleDecoder))]
    public partial IAsyncEnumerable<NewsArticle> News(StreamBufferOptions? buffer, CancellationToken cancellationToken);
}
