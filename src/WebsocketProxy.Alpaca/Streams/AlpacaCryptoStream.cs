using WebsocketProxy.Client;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>
/// Alpaca's real-time crypto data as typed async streams. Open it with <see cref="AlpacaStreams.ConnectCryptoAsync"/>; every
/// process using the same credentials shares one upstream connection through the local proxy, and every
/// stream of this object shares one frame reader and one subscription per (channel, symbol).
/// </summary>
public sealed partial class AlpacaCryptoStream : IAsyncDisposable
{
    private readonly AlpacaStreamConnection _owner;
    private readonly CryptoChannels _channels;

    private AlpacaCryptoStream(AlpacaStreamConnection owner, StreamOptions options)
    {
        _owner = owner;
        _channels = new CryptoChannels(owner.Connection, owner.SessionOptions(options));
    }

    /// <summary>Server errors on the shared connection (<see cref="AlpacaErrorEventArgs"/>); fatal ones (402, 409) also end the streams.</summary>
    public event EventHandler<AlpacaErrorEventArgs>? ServerError
    {
        add => _owner.ServerError += value;
        remove => _owner.ServerError -= value;
    }

    /// <summary>Messages that could not be used (malformed, unknown, failed decoders); the streams go on.</summary>
    public event EventHandler<StreamErrorEventArgs>? Error
    {
        add => _channels.Session.Error += value;
        remove => _channels.Session.Error -= value;
    }

    /// <summary>Messages may have been lost (the upstream dropped and came back, or a reader fell behind).</summary>
    public event EventHandler<StreamGapEventArgs>? Gap
    {
        add => _channels.Session.Gap += value;
        remove => _channels.Session.Gap -= value;
    }

    /// <summary>The shared upstream connection, for raw access (sending, reading frames).</summary>
    public IProxyConnection Connection => _owner.Connection;

    /// <summary>The typed-stream session: counters, open subscriptions and what their buffers dropped.</summary>
    public StreamSession Session => _channels.Session;

    /// <summary>Ends every stream of this object, releases its subscriptions and its hold on the upstream connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _channels.DisposeAsync().ConfigureAwait(false);
        await _owner.DisposeAsync().ConfigureAwait(false);
    }

    internal static async Task<AlpacaCryptoStream> StartAsync(AlpacaStreamConnection owner, StreamOptions options, CancellationToken cancellationToken)
    {
        var stream = new AlpacaCryptoStream(owner, options);
        try
        {
            await owner.AttachAsync(stream.Session, "bars", cancellationToken).ConfigureAwait(false);
            return stream;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
