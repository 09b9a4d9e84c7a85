namespace WebsocketProxy.Streaming;

/// <summary>Options of a typed-stream router over one proxy connection.</summary>
/// <remarks>
/// One router exists per connection and process: when several typed stream objects share a
/// connection, the options of the first one opened apply.
/// </remarks>
public sealed record StreamOptions
{
    /// <summary>Lossless buffers, gap events without exceptions, subscriptions confirmed when the proxy accepted them.</summary>
    public static StreamOptions Default { get; } = new();

    /// <summary>The buffer of streams whose method was not given its own <see cref="StreamBufferOptions"/>.</summary>
    public StreamBufferOptions Buffer { get; init; } = StreamBufferOptions.Default;

    /// <summary>
    /// When <see langword="true"/>, a gap or reconnect also ends every open stream with a
    /// <see cref="StreamGapException"/> after its buffered messages; otherwise it is only an event.
    /// </summary>
    public bool ThrowOnGap { get; init; }

    /// <summary>How long a subscription may take, confirmation included.</summary>
    public TimeSpan SubscribeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an unsubscription may take when a stream ends.</summary>
    public TimeSpan UnsubscribeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Decides when a subscription is complete; <see langword="null"/> means "when the proxy accepted it".</summary>
    public ISubscriptionConfirmer? Confirmer { get; init; }

    /// <summary>Receives messages whose type code no channel declares (success, error, subscription replies...).</summary>
    public ControlMessageHandler? ControlMessageHandler { get; init; }

    /// <summary>The clock for timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Buffer);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        Buffer.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SubscribeTimeout, TimeSpan.Zero, nameof(SubscribeTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(UnsubscribeTimeout, TimeSpan.Zero, nameof(UnsubscribeTimeout));
    }
}
