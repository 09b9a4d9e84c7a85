namespace WebsocketProxy.Generators.Tests.Diagnostics;

/// <summary>WSP011: model types must be resolvable, concrete types.</summary>
public sealed class WSP011Tests
{
    [Fact]
    public void UnresolvedModel_ReportsWSP011()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "{\"subscribe\":[{topics}]}", Unsubscribe = "{\"unsubscribe\":[{topics}]}")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b")]
                public partial IAsyncEnumerable<NoSuchType> Bars(string symbol, CancellationToken cancellationToken);
            }
            """,
            "WSP011",
            "Bars",
            "it cannot be resolved");
}
