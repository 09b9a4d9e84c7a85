using System.Text.Json;

namespace WebsocketProxy.Streaming;

/// <summary>
/// Generated per protocol: reads one message object's type code and symbol, and decodes and delivers it
/// through <paramref name="context"/> when someone listens.
/// </summary>
/// <param name="reader">On the message's <c>StartObject</c>; must be left on its matching <c>EndObject</c>.</param>
/// <param name="context">Listener lookup, delivery and error reporting.</param>
public delegate void StreamElementDispatcher(ref Utf8JsonReader reader, StreamDispatchContext context);
