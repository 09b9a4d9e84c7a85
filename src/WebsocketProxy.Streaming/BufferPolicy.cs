namespace WebsocketProxy.Streaming;

/// <summary>What a stream's bounded buffer does when its consumer falls <see cref="StreamBufferOptions.Capacity"/> messages behind.</summary>
public enum BufferPolicy
{
    /// <summary>
    /// Lossless: the consumer reads every message in order. The shared frame reader never waits for a
    /// consumer (it feeds every stream of the process), so a consumer that falls a whole buffer behind
    /// has its stream failed with <see cref="StreamOverflowException"/> rather than silently losing data
    /// or stalling its neighbours; it may open the stream again.
    /// </summary>
    Wait,

    /// <summary>The oldest buffered message is dropped to make room, and counted.</summary>
    DropOldest,

    /// <summary>Only the newest message per symbol is kept (a conflating buffer); replaced messages are counted as dropped.</summary>
    LatestPerSymbol,
}
