using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client;

/// <summary>
/// How the proxy opens, keeps and restores one upstream WebSocket. Two opens share an upstream connection
/// when <see cref="Url"/>, <see cref="Headers"/>, <see cref="Prelude"/> and <see cref="MessageFormat"/> are equal (compared by a keyed
/// hash inside the proxy, never in clear).
/// </summary>
public sealed record ProxyConnectionOptions
{
    /// <summary>The upstream <c>ws://</c> or <c>wss://</c> URL.</summary>
    public required Uri Url { get; init; }

    /// <summary>Request headers for the WebSocket handshake (header-based authentication).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Messages the proxy sends after every (re)connect, before any subscription (message-based authentication), in
    /// <see cref="MessageFormat"/>.
    /// </summary>
    public IReadOnlyList<string> Prelude { get; init; } = [];

    /// <summary>
    /// How the proxy sends <see cref="Prelude"/> and the subscribe and unsubscribe messages of this connection's
    /// templates: as text (the default), or as MessagePack in binary frames (each written as JSON and converted).
    /// </summary>
    public ProxyMessageFormat MessageFormat { get; init; } = ProxyMessageFormat.Text;

    /// <summary>
    /// Bytes that, found in an upstream message, mean the session is ready; <see langword="null"/> means ready once
    /// connected and the prelude is sent. Every marker is matched as bytes, whatever the frame type: text converts
    /// to a UTF-8 marker, and <see cref="FrameMarker.FromBytes"/> matches binary replies (MessagePack).
    /// </summary>
    public FrameMarker? ReadinessMarker { get; init; }

    /// <summary>Markers that, found in an upstream message before readiness, mean reconnecting cannot help (for example an authentication failure). Checked first.</summary>
    public IReadOnlyList<FrameMarker> FatalMarkers { get; init; } = [];

    /// <summary>
    /// Markers that, found in an upstream message before readiness, are fatal on the first connection but mean "wait
    /// and retry" on a reconnect after a session that had been ready: a service that keeps counting a dropped
    /// session for a while (Alpaca's 406). Such refusals are retried with backoff for at most <see cref="RetryAfterDropWindow"/>.
    /// </summary>
    public IReadOnlyList<FrameMarker> RetryAfterDropMarkers { get; init; } = [];

    /// <summary>How long after a drop the proxy keeps retrying refusals that match <see cref="RetryAfterDropMarkers"/> before it closes the connection for good.</summary>
    public TimeSpan RetryAfterDropWindow { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// A marker of any refusal from the service (for example <c>"T":"error"</c>); <see langword="null"/> means none.
    /// A refusal that matches no other marker, before readiness or in a session shorter than
    /// <see cref="StableSessionThreshold"/>, counts towards <see cref="MaxRefusals"/>.
    /// </summary>
    public FrameMarker? RefusalMarker { get; init; }

    /// <summary>How many refusals (see <see cref="RefusalMarker"/>) in a row the proxy retries before it closes the connection for good.</summary>
    public int MaxRefusals { get; init; } = 5;

    /// <summary>WebSocket close codes after which the proxy does not reconnect.</summary>
    public IReadOnlyList<int> FatalCloseCodes { get; init; } = [];

    /// <summary>The first reconnect delay; later delays grow exponentially, with jitter.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest reconnect delay.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many reconnect attempts follow one drop before the connection is closed for good.</summary>
    public int MaxReconnectAttempts { get; init; } = int.MaxValue;

    /// <summary>While subscribed, no upstream frame for this long forces a reconnect; <see cref="TimeSpan.Zero"/> turns the watchdog off.</summary>
    public TimeSpan StaleDataTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>A session that ended sooner than this after it became ready does not reset the backoff: a service that accepts and then closes at once is not hammered.</summary>
    public TimeSpan StableSessionThreshold { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The WebSocket keep-alive (ping) interval; <see cref="TimeSpan.Zero"/> sends no pings.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the proxy waits for the answer to a keep-alive ping before it treats the link as dead and
    /// reconnects; <see cref="TimeSpan.Zero"/> sends pings without waiting for answers. A half-open link is
    /// detected within about <see cref="KeepAliveInterval"/> plus this.
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest a single connect attempt may take; at most two minutes.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest the proxy waits for <see cref="ReadinessMarker"/> after the prelude; at most two minutes.</summary>
    public TimeSpan ReadinessTimeout { get; init; } = TimeSpan.FromSeconds(10);

    // An open holds one of its client's few open slots in the proxy until it connects or gives up: a bound on
    // both waits bounds how long a client can keep those slots (and sockets) busy with a host that never answers.
    private static readonly TimeSpan MaxOpenWait = TimeSpan.FromMinutes(2);

    /// <summary>Throws <see cref="ArgumentException"/> when the options cannot work.</summary>
    public void Validate()
    {
        if (!Url.IsAbsoluteUri || (Url.Scheme != "ws" && Url.Scheme != "wss"))
        {
            throw new ArgumentException($"'{SafeUrl.Format(Url)}' is not a ws:// or wss:// URL.", nameof(Url));
        }

        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff)
        {
            throw new ArgumentException("InitialBackoff must be positive and no larger than MaxBackoff.", nameof(InitialBackoff));
        }

        if (MaxReconnectAttempts < 0)
        {
            throw new ArgumentException("MaxReconnectAttempts must not be negative.", nameof(MaxReconnectAttempts));
        }

        if (ConnectTimeout <= TimeSpan.Zero || ReadinessTimeout <= TimeSpan.Zero || StaleDataTimeout < TimeSpan.Zero || KeepAliveInterval < TimeSpan.Zero)
        {
            throw new ArgumentException("Timeouts must be positive (StaleDataTimeout and KeepAliveInterval may be zero to turn them off).", nameof(ConnectTimeout));
        }

        if (MaxRefusals < 0 || RetryAfterDropWindow < TimeSpan.Zero || StableSessionThreshold < TimeSpan.Zero)
        {
            throw new ArgumentException($"MaxRefusals, RetryAfterDropWindow and StableSessionThreshold must not be negative (got {MaxRefusals}, {RetryAfterDropWindow}, {StableSessionThreshold}).", nameof(MaxRefusals));
        }

        if (KeepAliveTimeout < TimeSpan.Zero || (KeepAliveTimeout > TimeSpan.Zero && KeepAliveInterval == TimeSpan.Zero))
        {
            throw new ArgumentException("KeepAliveTimeout must not be negative, and needs a KeepAliveInterval to time.", nameof(KeepAliveTimeout));
        }

        if (FatalMarkers.Concat(RetryAfterDropMarkers).Any(m => m is null))
        {
            throw new ArgumentException("FatalMarkers and RetryAfterDropMarkers must not hold null.", nameof(FatalMarkers));
        }

        if (!Enum.IsDefined(MessageFormat))
        {
            throw new ArgumentException($"Message format {(int)MessageFormat} is not known.", nameof(MessageFormat));
        }

        if (MessageFormat == ProxyMessageFormat.MessagePack)
        {
            for (var i = 0; i < Prelude.Count; i++)
            {
                if (!MessagePackJson.TryFromJson(System.Text.Encoding.UTF8.GetBytes(Prelude[i] ?? string.Empty), new System.Buffers.ArrayBufferWriter<byte>(), out var error))
                {
                    throw new ArgumentException($"Prelude message {i + 1} cannot be sent as MessagePack: {error}", nameof(Prelude));
                }
            }
        }

        if (ConnectTimeout > MaxOpenWait || ReadinessTimeout > MaxOpenWait)
        {
            throw new ArgumentException($"ConnectTimeout and ReadinessTimeout are at most {MaxOpenWait.TotalSeconds:0} s (got {ConnectTimeout.TotalSeconds:0.###} s and {ReadinessTimeout.TotalSeconds:0.###} s).", nameof(ConnectTimeout));
        }
    }
}
