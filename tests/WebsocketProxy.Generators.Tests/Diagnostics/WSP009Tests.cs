namespace WebsocketProxy.Generators.Tests.Diagnostics;

/// <summary>WSP009: symbol parameters need a symbol field.</summary>
public sealed class WSP009Tests
{
    [Fact]
    public void SymbolWithoutSymbolField_ReportsWSP009()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]")]
            public sealed partial class Stocks
            {
                [StreamChannel("news", TypeCode = "n")]
                public partial IAsyncEnumerable<Bar> News(string symbol, CancellationToken cancellationToken);
            }
            """,
            "WSP009",
            "News",
            "takes symbols but stream protocol class 'Stocks' declares no SymbolField");

    [Fact]
    public void SymbolLessMethodWithoutSymbolField_ReportsNothing()
        => DiagnosticAssert.None(
            """
            [StreamProtocol(Discriminator = "T", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]")]
            public sealed partial class Stocks
            {
                [StreamChannel("news", TypeCode = "n")]
                public partial IAsyncEnumerable<Bar> News(CancellationToken cancellationToken);
            }
            """);
}
