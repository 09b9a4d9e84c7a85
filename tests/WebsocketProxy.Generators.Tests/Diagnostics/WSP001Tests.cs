namespace WebsocketProxy.Generators.Tests.Diagnostics;

/// <summary>WSP001: the stream protocol class must be partial.</summary>
public sealed class WSP001Tests
{
    [Fact]
    public void NonPartialClass_ReportsWSP001()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "{\"subscribe\":[{topics}]}", Unsubscribe = "{\"unsubscribe\":[{topics}]}")]
            public sealed class Stocks
            {
            }
            """,
            "WSP001",
            "Stocks",
            "must be declared partial");

    [Fact]
    public void PartialClass_ReportsNothing()
        => DiagnosticAssert.None(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "{\"subscribe\":[{topics}]}", Unsubscribe = "{\"unsubscribe\":[{topics}]}")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken);
            }
            """);
}
