using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>
/// Alpaca's real-time US stock data as typed async streams. Open it with <see cref="AlpacaStreams.ConnectStocksAsync"/>; every
/// process using the same credentials shares one upstream connection through the local proxy, and every
/// stream of this object shares one frame reader and one subscription per (channel, symbol).
/// </summary>
public sealed partial class AlpacaStockStream : AlpacaStream
{
    private readonly StockChannels _channels;

    private AlpacaStockStream(AlpacaUpstream owner, StockChannels channels)
        : base(owner, channels.Router, channels.DisposeAsync)
    {
        _channels = channels;
    }

    /// <summary>The feed this stream reads.</summary>
    public AlpacaFeed Feed { get; private init; }

    internal static Task<AlpacaStockStream> StartAsync(AlpacaUpstream owner, AlpacaFeed feed, StreamOptions options, CancellationToken cancellationToken) =>
        AttachAsync(new AlpacaStockStream(owner, new StockChannels(owner.Connection, owner.RouterOptions(options))) { Feed = feed }, owner, "bars", cancellationToken);
}
