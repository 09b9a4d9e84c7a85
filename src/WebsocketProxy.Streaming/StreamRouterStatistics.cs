namespace WebsocketProxy.Streaming;

/// <summary>A snapshot of a router's counters since it started.</summary>
/// <param name="Frames">Data frames read.</param>
/// <param name="Delivered">Messages handed to streams or callbacks (one per listener).</param>
/// <param name="MalformedFrames">Frames (or their rest) skipped as invalid JSON.</param>
/// <param name="MalformedMessages">Messages without discriminator, or routed messages without symbol.</param>
/// <param name="UnrecognizedMessages">Messages whose type matched no channel and no control handler.</param>
/// <param name="DecodeFailures">Messages a model decoder failed on.</param>
/// <param name="HandlerFailures">Callbacks or handlers that threw.</param>
/// <param name="Gaps">Gaps and reconnects reported by the proxy.</param>
public sealed record StreamRouterStatistics(
    long Frames,
    long Delivered,
    long MalformedFrames,
    long MalformedMessages,
    long UnrecognizedMessages,
    long DecodeFailures,
    long HandlerFailures,
    long Gaps);
