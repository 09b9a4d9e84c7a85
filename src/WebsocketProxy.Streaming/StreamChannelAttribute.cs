namespace WebsocketProxy.Streaming;

/// <summary>
/// Marks a partial method of a <see cref="StreamProtocolAttribute"/> class as the typed stream of one
/// message type. The method returns <c>IAsyncEnumerable&lt;T&gt;</c>, takes an optional symbol
/// (<see cref="string"/>) or symbols (<c>IEnumerable&lt;string&gt;</c>), an optional
/// <see cref="StreamBufferOptions"/> and ends with a <see cref="CancellationToken"/>. Without a symbol
/// parameter the method subscribes to every symbol (<c>*</c>).
/// </summary>
/// <remarks>
/// Several methods may share one channel name with different type codes: Alpaca's <c>trades</c>
/// channel also delivers corrections (<c>c</c>) and cancels (<c>x</c>), each its own typed stream that
/// shares the upstream <c>trades</c> subscription.
/// </remarks>
/// <param name="name">The channel as the subscribe message names it (Alpaca: <c>bars</c>).</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class StreamChannelAttribute(string name) : Attribute
{
    /// <summary>The channel as the subscribe message names it.</summary>
    public string Name { get; } = name;

    /// <summary>The discriminator value of the messages this method yields (Alpaca bars: <c>b</c>).</summary>
    public string? TypeCode { get; set; }

    /// <summary>
    /// Optional name of a static method of the stream class, <c>static T M(ref Utf8JsonReader reader)</c>,
    /// that decodes one message. When unset, the decoder is looked up on <see cref="DecoderType"/>.
    /// </summary>
    public string? Decoder { get; set; }

    /// <summary>
    /// The type holding the decoder (default: the model type). Its static method marked
    /// <see cref="StreamDecoderAttribute"/>, or else its static method named <c>Read</c>, returning the model
    /// and taking <c>(ref Utf8JsonReader reader)</c> or, when the protocol names a
    /// <see cref="StreamProtocolAttribute.DecodeContext"/>, <c>(ref Utf8JsonReader reader, TContext context)</c>.
    /// When the type also has <c>static T ReadJson(ReadOnlySpan&lt;byte&gt; json, out int consumed[, TContext context])</c>
    /// (the frame from the object's opening brace in, the model and the object's length out), the dispatcher calls
    /// that instead and no <c>Utf8JsonReader</c> is made: the fast path, for decoders that scan the bytes themselves.
    /// </summary>
    public Type? DecoderType { get; set; }

    /// <summary>
    /// What the channel delivers, as a short noun phrase (for example <c>minute bars</c>). When set, the method
    /// is its channel's one declaration, <c>IAsyncEnumerable&lt;T&gt; M(string symbol, CancellationToken
    /// cancellationToken = default)</c> (or <c>M(CancellationToken cancellationToken = default)</c> for a protocol
    /// without a symbol field), and the generator writes its XML documentation and the channel's other overloads:
    /// <c>M(symbol, buffer)</c>, <c>M(symbols, buffer)</c> and <c>AllM(buffer)</c> (or <c>M(buffer)</c>), and
    /// forwarders onto every <see cref="StreamFacadeAttribute"/> class that names the stream class.
    /// </summary>
    public string? Description { get; set; }
}
