namespace WebsocketProxy.Streaming;

/// <summary>Messages may have been lost: the proxy reported a gap, or the upstream reconnected after an outage.</summary>
/// <param name="reconnected"><see langword="true"/> for a reconnect, <see langword="false"/> for a gap.</param>
/// <param name="lostMessages">How many messages were lost, when known (gaps).</param>
/// <param name="outage">How long the upstream was away (reconnects).</param>
/// <param name="message">The proxy's explanation, when it gave one.</param>
public sealed class StreamGapEventArgs(bool reconnected, long lostMessages, TimeSpan outage, string? message) : EventArgs
{
    /// <summary><see langword="true"/> for a reconnect after an outage, <see langword="false"/> for a gap.</summary>
    public bool Reconnected { get; } = reconnected;

    /// <summary>How many messages were lost, when known.</summary>
    public long LostMessages { get; } = lostMessages;

    /// <summary>How long the upstream was away.</summary>
    public TimeSpan Outage { get; } = outage;

    /// <summary>The proxy's explanation, when it gave one.</summary>
    public string? Message { get; } = message;

    /// <summary>Describes the gap in one sentence.</summary>
    public string Describe() => Reconnected
        ? $"The upstream connection came back after an outage of {Outage}; messages of that period are missing."
        : $"{(LostMessages > 0 ? LostMessages.ToString(System.Globalization.CultureInfo.InvariantCulture) : "An unknown number of")} messages were lost before reaching this process{(Message is null ? "." : $": {Message}")}";
}
