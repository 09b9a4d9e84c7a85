namespace WebsocketProxy.Streaming;

/// <summary>
/// Generated per protocol next to its <see cref="StreamElementDispatcher"/>: reads one MessagePack map's type code
/// and symbol, and decodes and delivers it through <paramref name="context"/> when someone listens. Frames are
/// taken apart by <see cref="StreamDispatchContext.DispatchMessagePack(ReadOnlySpan{byte}, StreamMessagePackDispatcher)"/>.
/// </summary>
/// <param name="message">Exactly one map, valid only during the call.</param>
/// <param name="context">Listener lookup, delivery and error reporting.</param>
public delegate void StreamMessagePackDispatcher(ReadOnlySpan<byte> message, StreamDispatchContext context);
