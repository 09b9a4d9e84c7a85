namespace WebsocketProxy.Generators.Model;

/// <summary>One channel method: its typed stream of one message type code.</summary>
internal sealed record ChannelSpec(
    int Index,
    string MethodName,
    string Modifiers,
    ChannelMethodKind Kind,
    string ReturnType,
    string ChannelName,
    string TypeCode,
    string ModelType,
    string Decoder,
    string? DecoderContext,
    EquatableArray<ParameterSpec> Parameters,
    SymbolParameterKind SymbolKind,
    string? SymbolParameter,
    string? BufferParameter,
    string? HandlerParameter,
    string CancellationParameter,
    string? Description = null,
    string? PackDecoder = null,
    string? PackDecoderContext = null,
    string? JsonDecoder = null,
    string? JsonDecoderContext = null);
