namespace WebsocketProxy.Generators.Tests.Diagnostics;

/// <summary>WSP016: user members must not take the names or the constructor the generator adds.</summary>
public sealed class WSP016Tests
{
    [Fact]
    public void RouterProperty_ReportsWSP016()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]")]
            public sealed partial class Stocks
            {
                public object Router => new();
            }
            """,
            "WSP016",
            "Stocks",
            "The member 'Router' of stream protocol class 'Stocks' conflicts with the member the generator adds");

    [Fact]
    public void IteratorName_ReportsWSP016()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken);

                private void BarsCore() { }
            }
            """,
            "WSP016",
            "Stocks",
            "'BarsCore'");

    [Fact]
    public void ConnectionConstructor_ReportsWSP016()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]")]
            public sealed partial class Stocks
            {
                public Stocks(WebsocketProxy.Client.IProxyConnection connection) { }
            }
            """,
            "WSP016",
            "Stocks",
            "conflicts with the member the generator adds");
}
