namespace WebsocketProxy.Streaming;

/// <summary>
/// What a stream's bounded buffer does when its consumer falls <see cref="StreamBufferOptions.Capacity"/>
/// messages behind.
/// </summary>
/// <remarks>
/// No policy makes the producer wait: every typed stream of a process is filled by the process's one shared
/// pump thread, so waiting for one slow consumer would stall every other stream of the process (and, past
/// the ring's capacity, make the proxy report a gap to all of them). A full buffer therefore either ends its
/// own stream or gives up messages of its own stream, and nothing else.
/// </remarks>
public enum BufferPolicy
{
    /// <summary>
    /// Every message or none: the consumer reads every message in order until it falls a whole buffer behind;
    /// then the stream ends with <see cref="StreamOverflowException"/> (after the messages already buffered),
    /// instead of silently losing messages or stalling the other streams. The consumer may open the stream
    /// again, and should treat the reopen like a gap. The default.
    /// </summary>
    Fail,

    /// <summary>The oldest buffered message is dropped to make room, and counted.</summary>
    DropOldest,

    /// <summary>Only the newest message per symbol is kept (a conflating buffer); replaced messages are counted as dropped.</summary>
    LatestPerSymbol,
}
