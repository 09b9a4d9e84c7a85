namespace WebsocketProxy.Generators.Tests.Diagnostics;

/// <summary>WSP002: the stream protocol class must be top-level, non-generic and non-static.</summary>
public sealed class WSP002Tests
{
    [Fact]
    public void NestedClass_ReportsWSP002()
        => DiagnosticAssert.Single(
            """
            public static class Outer
            {
                [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "{\"subscribe\":[{topics}]}", Unsubscribe = "{\"unsubscribe\":[{topics}]}")]
                public sealed partial class Stocks
                {
                }
            }
            """,
            "WSP002",
            "Stocks",
            "top-level, non-generic, non-static");

    [Fact]
    public void GenericClass_ReportsWSP002()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "{\"subscribe\":[{topics}]}", Unsubscribe = "{\"unsubscribe\":[{topics}]}")]
            public sealed partial class Stocks<T>
            {
            }
            """,
            "WSP002",
            "Stocks",
            "top-level, non-generic, non-static");
}
