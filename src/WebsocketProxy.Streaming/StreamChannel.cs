using WebsocketProxy.Client;

namespace WebsocketProxy.Streaming;

/// <summary>One typed stream of a protocol: a message type code on a subscribable channel.</summary>
/// <remarks>Generated code creates these; the index is the position in <see cref="StreamProtocol.Channels"/>.</remarks>
public sealed class StreamChannel
{
    /// <summary>Describes a channel.</summary>
    /// <param name="index">The position in <see cref="StreamProtocol.Channels"/>.</param>
    /// <param name="name">The channel name as the subscribe message names it; several type codes may share it.</param>
    /// <param name="typeCode">The discriminator value of this channel's messages.</param>
    /// <param name="symbolRouted">Whether messages are routed by symbol; otherwise only <c>*</c> may be subscribed.</param>
    /// <param name="template">How the proxy subscribes and unsubscribes the channel.</param>
    /// <param name="modelType">The type its messages decode to; streams of another type are refused.</param>
    public StreamChannel(int index, string name, string typeCode, bool symbolRouted, SubscriptionTemplate template, Type? modelType = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(typeCode);
        ArgumentNullException.ThrowIfNull(template);
        Index = index;
        Name = name;
        TypeCode = typeCode;
        SymbolRouted = symbolRouted;
        Template = template;
        ModelType = modelType;
    }

    /// <summary>The type its messages decode to, when known.</summary>
    public Type? ModelType { get; }

    /// <summary>The position in <see cref="StreamProtocol.Channels"/>.</summary>
    public int Index { get; }

    /// <summary>The channel name as the subscribe message names it.</summary>
    public string Name { get; }

    /// <summary>The discriminator value of this channel's messages.</summary>
    public string TypeCode { get; }

    /// <summary>Whether messages are routed by symbol.</summary>
    public bool SymbolRouted { get; }

    /// <summary>How the proxy subscribes and unsubscribes the channel.</summary>
    public SubscriptionTemplate Template { get; }
}
