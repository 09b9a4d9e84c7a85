namespace WebsocketProxy.Streaming;

/// <summary>
/// Generated per protocol: reads one message object's type code and symbol, and decodes and delivers it
/// through <paramref name="context"/> when someone listens.
/// </summary>
/// <param name="json">
/// The frame from the message's opening brace to the frame's end (the object is a prefix of it); valid only during
/// the call.
/// </param>
/// <param name="context">Listener lookup, delivery and error reporting.</param>
/// <returns>The object's length in bytes, so that the frame reader goes on after it.</returns>
/// <exception cref="System.Text.Json.JsonException">The object is not valid JSON (the rest of the frame is skipped).</exception>
public delegate int StreamElementDispatcher(ReadOnlySpan<byte> json, StreamDispatchContext context);
