namespace WebsocketProxy.Streaming;

/// <summary>
/// Puts the channels of a stream class on this partial class too: for every channel of
/// <paramref name="stream"/> declared with a <see cref="StreamChannelAttribute.Description"/>, the generator
/// writes the same overloads, with the same documentation, forwarding to the instance property or field
/// <paramref name="member"/>. A facade offers the common stream at its top level (<c>proxy.Bars("AAPL")</c>)
/// without a second, hand-written list of methods.
/// </summary>
/// <param name="stream">A <see cref="StreamProtocolAttribute"/> class.</param>
/// <param name="member">The instance property or field of this class holding the <paramref name="stream"/> object.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class StreamFacadeAttribute(Type stream, string member) : Attribute
{
    /// <summary>The stream class whose channels are forwarded.</summary>
    public Type Stream { get; } = stream;

    /// <summary>The instance property or field holding the stream object.</summary>
    public string Member { get; } = member;
}
