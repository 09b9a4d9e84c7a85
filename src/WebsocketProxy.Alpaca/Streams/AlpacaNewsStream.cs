using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>
/// Alpaca's real-time news as a typed async stream. Open it with <see cref="AlpacaStreams.ConnectNewsAsync"/>; every
/// process using the same credentials shares one upstream connection through the local proxy, and every
/// stream of this object shares one frame reader and one subscription per (channel, symbol).
/// </summary>
public sealed partial class AlpacaNewsStream : AlpacaStream
{
    private readonly NewsChannels _channels;

    private AlpacaNewsStream(AlpacaUpstream owner, NewsChannels channels)
        : base(owner, channels.Router, channels.DisposeAsync)
    {
        _channels = channels;
    }

    internal static Task<AlpacaNewsStream> StartAsync(AlpacaUpstream owner, StreamOptions options, CancellationToken cancellationToken) =>
        AttachAsync(new AlpacaNewsStream(owner, new NewsChannels(owner.Connection, owner.RouterOptions(options))), owner, "news", cancellationToken);
}
