namespace WebsocketProxy.Generators.Model;

/// <summary>A parameter as the implementing part must repeat it: fully qualified type and name.</summary>
internal sealed record ParameterSpec(string Type, string Name);
