namespace WebsocketProxy.Generators.Tests.Diagnostics;

/// <summary>WSP015: the binary dispatcher must be a static (ReadOnlySpan&lt;byte&gt;, StreamDispatchContext) method of the class.</summary>
public sealed class WSP015Tests
{
    [Fact]
    public void MissingMethod_ReportsWSP015()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]", BinaryDispatcher = "Nowhere")]
            public sealed partial class Stocks
            {
            }
            """,
            "WSP015",
            "Stocks",
            "The BinaryDispatcher 'Nowhere' of stream protocol class 'Stocks' must name a method 'static void Nowhere(ReadOnlySpan<byte> frame, StreamDispatchContext context)'");

    [Fact]
    public void WrongSignature_ReportsWSP015()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]", BinaryDispatcher = nameof(Binary))]
            public sealed partial class Stocks
            {
                private static void Binary(byte[] frame, StreamDispatchContext context) { }
            }
            """,
            "WSP015",
            "Stocks",
            "must name a method");

    [Fact]
    public void ValidMethod_ReportsNothing()
        => DiagnosticAssert.None(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]", BinaryDispatcher = nameof(Binary))]
            public sealed partial class Stocks
            {
                private static void Binary(ReadOnlySpan<byte> frame, StreamDispatchContext context) { }
            }
            """);
}
