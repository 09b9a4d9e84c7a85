namespace WebsocketProxy.Generators.Tests.Diagnostics;

/// <summary>WSP005: channel methods must be partial declarations.</summary>
public sealed class WSP005Tests
{
    [Fact]
    public void MethodWithBody_ReportsWSP005()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "{\"subscribe\":[{topics}]}", Unsubscribe = "{\"unsubscribe\":[{topics}]}")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b")]
                public IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken) => throw null!;
            }
            """,
            "WSP005",
            "Bars",
            "must be a partial, non-static, non-generic method declaration without a body");

    [Fact]
    public void StaticMethod_ReportsWSP005()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "{\"subscribe\":[{topics}]}", Unsubscribe = "{\"unsubscribe\":[{topics}]}")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b")]
                public static partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken);
            }
            """,
            "WSP005",
            "Bars",
            "must be a partial");
}
