namespace WebsocketProxy.Generators.Tests.Diagnostics;

/// <summary>WSP008: channels need a name and a type code.</summary>
public sealed class WSP008Tests
{
    [Fact]
    public void MissingTypeCode_ReportsWSP008()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "{\"subscribe\":[{topics}]}", Unsubscribe = "{\"unsubscribe\":[{topics}]}")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken);
            }
            """,
            "WSP008",
            "Bars",
            "must name its channel and set TypeCode");

    [Fact]
    public void EmptyName_ReportsWSP008()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "{\"subscribe\":[{topics}]}", Unsubscribe = "{\"unsubscribe\":[{topics}]}")]
            public sealed partial class Stocks
            {
                [StreamChannel("", TypeCode = "b")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken);
            }
            """,
            "WSP008",
            "Bars",
            "must name its channel and set TypeCode");
}
