using WebsocketProxy.Client;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>How <see cref="AlpacaStreams"/> reaches Alpaca through the local proxy.</summary>
public sealed record AlpacaStreamsOptions
{
    /// <summary>Production host, the default proxy instance, lossless buffers, 406 ends the streams.</summary>
    public static AlpacaStreamsOptions Default { get; } = new();

    /// <summary>Which Alpaca host to use when neither <see cref="BaseAddress"/> nor <see cref="Url"/> is set.</summary>
    public AlpacaEnvironment Environment { get; init; } = AlpacaEnvironment.Production;

    /// <summary>Another host for every stream, for example a simulator's <c>ws://127.0.0.1:5000/</c>; the stream's path is appended.</summary>
    public Uri? BaseAddress { get; init; }

    /// <summary>The exact stream URL, overriding <see cref="Environment"/> and <see cref="BaseAddress"/>.</summary>
    public Uri? Url { get; init; }

    /// <summary>The local proxy: instance, where its executable is, how long it lingers after the last client.</summary>
    public WebsocketProxyClientOptions Proxy { get; init; } = WebsocketProxyClientOptions.Default;

    /// <summary>
    /// Buffers, gap behaviour and subscription timeout of the typed streams. Its confirmer and control-message
    /// handler are optional: the Alpaca layer confirms from the server's replies and chains a handler after its own.
    /// </summary>
    public StreamOptions Streams { get; init; } = StreamOptions.Default;

    /// <summary>
    /// When <see langword="false"/> (the default), error 406 ends the streams: with every local process behind
    /// one proxy, a second connection can only come from outside it, and retrying would hide that. When
    /// <see langword="true"/> the proxy keeps reconnecting with backoff instead.
    /// </summary>
    public bool RetryOnConnectionLimit { get; init; }

    /// <summary>The first reconnect delay after the upstream connection drops; later ones grow exponentially.</summary>
    public TimeSpan ReconnectInitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest reconnect delay.</summary>
    public TimeSpan ReconnectMaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    internal Uri ResolveUrl(AlpacaStreamKind kind, AlpacaFeed feed) =>
        Url ?? (BaseAddress is { } host ? AlpacaEndpoints.For(kind, feed, host) : AlpacaEndpoints.For(kind, feed, Environment));

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Proxy);
        ArgumentNullException.ThrowIfNull(Streams);
        if (ReconnectInitialBackoff <= TimeSpan.Zero || ReconnectMaxBackoff < ReconnectInitialBackoff)
        {
            throw new ArgumentException("ReconnectInitialBackoff must be positive and no larger than ReconnectMaxBackoff.", nameof(ReconnectInitialBackoff));
        }
    }
}
