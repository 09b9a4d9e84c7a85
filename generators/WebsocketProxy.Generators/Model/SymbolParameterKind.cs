namespace WebsocketProxy.Generators.Model;

/// <summary>How a channel method names its symbols.</summary>
internal enum SymbolParameterKind
{
    /// <summary>No symbol parameter: every symbol (<c>*</c>).</summary>
    None,

    /// <summary>One <c>string</c> symbol.</summary>
    Single,

    /// <summary>An <c>IEnumerable&lt;string&gt;</c> of symbols.</summary>
    Many,
}
