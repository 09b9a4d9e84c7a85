namespace WebsocketProxy.Generators.Tests.Diagnostics;

/// <summary>WSP007: channel method parameters follow the documented order.</summary>
public sealed class WSP007Tests
{
    [Fact]
    public void MissingCancellationToken_ReportsWSP007()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "{\"subscribe\":[{topics}]}", Unsubscribe = "{\"unsubscribe\":[{topics}]}")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol);
            }
            """,
            "WSP007",
            "Bars",
            "the last parameter must be a CancellationToken");

    [Fact]
    public void CallbackWithoutHandler_ReportsWSP007()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "{\"subscribe\":[{topics}]}", Unsubscribe = "{\"unsubscribe\":[{topics}]}")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b")]
                public partial ValueTask<StreamSubscription> OnBar(string symbol, CancellationToken cancellationToken);
            }
            """,
            "WSP007",
            "OnBar",
            "a callback needs an Action<T> handler");

    [Fact]
    public void RefParameter_ReportsWSP007()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "{\"subscribe\":[{topics}]}", Unsubscribe = "{\"unsubscribe\":[{topics}]}")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b")]
                public partial IAsyncEnumerable<Bar> Bars(ref string symbol, CancellationToken cancellationToken);
            }
            """,
            "WSP007",
            "Bars",
            "must be a plain parameter");
}
