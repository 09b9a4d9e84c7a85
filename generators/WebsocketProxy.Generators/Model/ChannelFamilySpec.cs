namespace WebsocketProxy.Generators.Model;

/// <summary>A described channel: the overloads the generator writes for it, on its stream class and on facades.</summary>
/// <param name="MethodName">The declared method, for example <c>Bars</c>; the all-symbols overload is <c>AllBars</c>.</param>
/// <param name="Modifiers">The declared method's accessibility.</param>
/// <param name="ModelType">The fully qualified model type.</param>
/// <param name="Description">What the channel delivers, for the XML documentation.</param>
/// <param name="Routed">Whether the protocol routes by symbol (symbol, symbols and all-symbols overloads).</param>
internal sealed record ChannelFamilySpec(string MethodName, string Modifiers, string ModelType, string Description, bool Routed);
