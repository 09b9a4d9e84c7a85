namespace WebsocketProxy.Generators.Model;

/// <summary>A <c>[StreamFacade]</c> class: the channels it forwards to the stream held by <see cref="Member"/>.</summary>
internal sealed record FacadeSpec(
    string? Namespace,
    string ClassName,
    string HintName,
    string Member,
    EquatableArray<ChannelFamilySpec> Families);
