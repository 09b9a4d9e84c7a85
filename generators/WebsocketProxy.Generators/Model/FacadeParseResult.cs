namespace WebsocketProxy.Generators.Model;

/// <summary>What the parser made of one facade class: a spec to emit (when valid) and its diagnostics.</summary>
internal sealed record FacadeParseResult(FacadeSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
