namespace WebsocketProxy.Streaming;

/// <summary>
/// Marks the static method of a model type that decodes one message:
/// <c>public static T Name(ref Utf8JsonReader reader)</c>, called with the reader on the message's
/// <c>StartObject</c> and returning with it on the matching <c>EndObject</c>, or
/// <c>public static T Name(ref Utf8JsonReader reader, TContext context)</c> when the protocol names a
/// <see cref="StreamProtocolAttribute.DecodeContext"/>. Without this attribute the generator looks for a
/// static method named <c>Read</c> with such a signature.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class StreamDecoderAttribute : Attribute;
