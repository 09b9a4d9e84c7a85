namespace WebsocketProxy.Streaming;

/// <summary>
/// Dispatches a whole binary frame (for example MessagePack): finds each message's listeners with
/// <see cref="StreamDispatchContext.TryGetTargets(int, ReadOnlySpan{byte}, out StreamTargets)"/>, decodes only
/// those someone listens to, and delivers them with <see cref="StreamDispatchContext.Deliver{T}(in StreamTargets, T)"/>.
/// Named on a protocol with <see cref="StreamProtocolAttribute.BinaryDispatcher"/>.
/// </summary>
/// <param name="frame">The frame; valid only during the call.</param>
/// <param name="context">Listener lookup, delivery and error reporting.</param>
public delegate void StreamFrameDispatcher(ReadOnlySpan<byte> frame, StreamDispatchContext context);
