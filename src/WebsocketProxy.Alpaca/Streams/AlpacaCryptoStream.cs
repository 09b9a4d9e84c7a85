using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>
/// Alpaca's real-time crypto data as typed async streams. Open it with <see cref="AlpacaStreams.ConnectCryptoAsync"/>; every
/// process using the same credentials shares one upstream connection through the local proxy, and every
/// stream of this object shares one frame reader and one subscription per (channel, symbol).
/// </summary>
public sealed partial class AlpacaCryptoStream : AlpacaStream
{
    private readonly CryptoChannels _channels;

    private AlpacaCryptoStream(AlpacaUpstream owner, CryptoChannels channels)
        : base(owner, channels.Router, channels.DisposeAsync)
    {
        _channels = channels;
    }

    internal static Task<AlpacaCryptoStream> StartAsync(AlpacaUpstream owner, StreamOptions options, CancellationToken cancellationToken) =>
        AttachAsync(new AlpacaCryptoStream(owner, new CryptoChannels(owner.Connection, owner.RouterOptions(options))), owner, "bars", cancellationToken);
}
