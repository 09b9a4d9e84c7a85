using System.Linq;

namespace WebsocketProxy.Generators.Model;

/// <summary>Everything the emitter needs about one stream protocol class, as plain data.</summary>
internal sealed record ProtocolSpec(
    string? Namespace,
    string ClassName,
    string FullName,
    string HintName,
    string Discriminator,
    string? SymbolField,
    bool RawTopics,
    string Separator,
    int MaxTopicsPerMessage,
    string? BinaryDispatcher,
    EquatableArray<TemplateSpec> Templates,
    EquatableArray<ChannelSpec> Channels,
    string? RouterSource = null,
    bool BinaryFramesHoldJson = false)
{
    /// <summary>Whether the generator writes the MessagePack dispatcher: no dispatcher of the user's, binary frames of MessagePack, decoders for them.</summary>
    public bool EmitsMessagePack => BinaryDispatcher is null && !BinaryFramesHoldJson && Channels.Any(c => c.PackDecoder is not null);
}
