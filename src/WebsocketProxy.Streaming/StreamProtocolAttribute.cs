namespace WebsocketProxy.Streaming;

/// <summary>
/// Declares a partial class as a typed stream over one streaming protocol of JSON (or MessagePack) messages. The
/// WebsocketProxy source generator completes the class: a constructor taking an <c>IProxyConnection</c> and
/// <see cref="StreamOptions"/>, the subscription templates, the JSON and MessagePack dispatchers and every partial
/// <see cref="StreamChannelAttribute"/> method.
/// </summary>
/// <example>
/// <code>
/// [StreamProtocol(Discriminator = "T", SymbolField = "S",
///     Subscribe = "{\"action\":\"subscribe\",\"{channel}\":[{topics}]}",
///     Unsubscribe = "{\"action\":\"unsubscribe\",\"{channel}\":[{topics}]}")]
/// public sealed partial class StockStream
/// {
///     [StreamChannel("bars", TypeCode = "b")]
///     public partial IAsyncEnumerable&lt;Bar&gt; Bars(string symbol, CancellationToken cancellationToken = default);
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class StreamProtocolAttribute : Attribute
{
    /// <summary>The JSON property holding each message's type code (Alpaca: <c>T</c>).</summary>
    public string? Discriminator { get; set; }

    /// <summary>The JSON property holding each message's symbol (Alpaca: <c>S</c>); leave unset for protocols without per-symbol routing.</summary>
    public string? SymbolField { get; set; }

    /// <summary>The subscribe message; <c>{channel}</c> becomes the channel name and <c>{topics}</c> the topic list.</summary>
    public string? Subscribe { get; set; }

    /// <summary>The unsubscribe message; <c>{channel}</c> becomes the channel name and <c>{topics}</c> the topic list.</summary>
    public string? Unsubscribe { get; set; }

    /// <summary>How one topic is rendered inside the list; must contain <c>{topic}</c>. <c>{channel}</c> is replaced too.</summary>
    public string TopicFormat { get; set; } = "{topic}";

    /// <summary>Whether topics are inserted as JSON strings (the default) or as they are.</summary>
    public bool RawTopics { get; set; }

    /// <summary>Placed between two rendered topics.</summary>
    public string Separator { get; set; } = ",";

    /// <summary>
    /// Optional name of a static field or property of the stream class passed as the second argument of
    /// decoders declared as <c>static T Read(ref Utf8JsonReader reader, TContext context)</c> (for example a
    /// shared symbol-interning table).
    /// </summary>
    public string? DecodeContext { get; set; }

    /// <summary>
    /// Optional name of a static method of the stream class,
    /// <c>static void M(ReadOnlySpan&lt;byte&gt; frame, StreamDispatchContext context)</c>, that dispatches binary
    /// frames in a format of its own. Without it, binary frames hold <see cref="BinaryFrames"/>: the generator
    /// writes the MessagePack dispatcher from the channels' MessagePack decoders, and a protocol whose decoders
    /// read only JSON reports binary frames as malformed.
    /// </summary>
    public string? BinaryDispatcher { get; set; }

    /// <summary>
    /// What binary frames hold: <see cref="StreamWireFormat.MessagePack"/> (the default; text frames always hold
    /// JSON) or <see cref="StreamWireFormat.Json"/>, for servers that send JSON in binary frames (Alpaca's paper
    /// trading stream).
    /// </summary>
    public StreamWireFormat BinaryFrames { get; set; } = StreamWireFormat.MessagePack;

    /// <summary>
    /// Optional name of an instance method of the stream class (or of a base class),
    /// <c>ValueTask&lt;StreamRouter&gt; M(CancellationToken cancellationToken)</c>, that gives every stream its
    /// router, for example one whose connection is opened on first use. When set, the generator writes no
    /// constructor, <c>Router</c> property or <c>DisposeAsync</c> (the class owns its lifetime) and the
    /// <c>Protocol</c> property is internal.
    /// </summary>
    public string? RouterSource { get; set; }

    /// <summary>At most this many topics in one upstream message; the proxy chunks larger requests.</summary>
    public int MaxTopicsPerMessage { get; set; } = 100;
}
