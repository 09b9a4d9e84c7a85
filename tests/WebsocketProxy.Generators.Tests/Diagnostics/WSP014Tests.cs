namespace WebsocketProxy.Generators.Tests.Diagnostics;

/// <summary>WSP014: the decode context must be a static field or property of the stream class.</summary>
public sealed class WSP014Tests
{
    [Fact]
    public void MissingContextMember_ReportsWSP014()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]", DecodeContext = "Nowhere")]
            public sealed partial class Stocks
            {
            }
            """,
            "WSP014",
            "Stocks",
            "The DecodeContext 'Nowhere' of stream protocol class 'Stocks' must name a static field or property of that class");

    [Fact]
    public void InstanceContextMember_ReportsWSP014()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]", DecodeContext = nameof(Context))]
            public sealed partial class Stocks
            {
                private object Context { get; } = new();
            }
            """,
            "WSP014",
            "Stocks",
            "must name a static field or property");
}
