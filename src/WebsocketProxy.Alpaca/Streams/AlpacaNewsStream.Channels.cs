using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Streams;

public sealed partial class AlpacaNewsStream
{
    /// <summary>Every news article (<c>*</c>); each article lists its symbols.</summary>
    /// <param name="buffer">This stream's buffer; <see langword="null"/> for the session's default.</param>
    /// <param name="cancellationToken">Ends the stream; its subscription is released.</param>
    public IAsyncEnumerable<NewsArticle> News(StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default) => _channels.News(buffer, cancellationToken);
}
