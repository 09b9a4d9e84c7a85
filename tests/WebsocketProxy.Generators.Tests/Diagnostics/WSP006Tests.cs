namespace WebsocketProxy.Generators.Tests.Diagnostics;

/// <summary>WSP006: channel methods return a stream or a callback subscription.</summary>
public sealed class WSP006Tests
{
    [Fact]
    public void TaskReturnType_ReportsWSP006()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "{\"subscribe\":[{topics}]}", Unsubscribe = "{\"unsubscribe\":[{topics}]}")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b")]
                public partial Task<Bar> Bars(string symbol, CancellationToken cancellationToken);
            }
            """,
            "WSP006",
            "Bars",
            "returns 'System.Threading.Tasks.Task<Bar>'");
}
