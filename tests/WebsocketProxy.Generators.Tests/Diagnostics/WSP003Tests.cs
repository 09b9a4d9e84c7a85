namespace WebsocketProxy.Generators.Tests.Diagnostics;

/// <summary>WSP003: the protocol must name its discriminator.</summary>
public sealed class WSP003Tests
{
    [Fact]
    public void NoDiscriminator_ReportsWSP003()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]")]
            public sealed partial class Stocks
            {

            }
            """,
            "WSP003",
            "Stocks",
            "declares no Discriminator");
}
