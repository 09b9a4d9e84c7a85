namespace WebsocketProxy.Generators.Model;

/// <summary>What the parser made of one class: a spec to emit (when valid enough) and its diagnostics.</summary>
internal sealed record ParseResult(ProtocolSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
