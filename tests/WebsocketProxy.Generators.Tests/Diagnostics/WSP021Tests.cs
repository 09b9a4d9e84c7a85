namespace WebsocketProxy.Generators.Tests.Diagnostics;

/// <summary>WSP021: binary frames that hold JSON go to the JSON dispatcher, so a binary dispatcher would never run.</summary>
public sealed class WSP021Tests
{
    [Fact]
    public void JsonBinaryFramesAndBinaryDispatcher_ReportsWSP021()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]", BinaryFrames = StreamWireFormat.Json, BinaryDispatcher = nameof(Binary))]
            public sealed partial class Stocks
            {
                private static void Binary(ReadOnlySpan<byte> frame, StreamDispatchContext context) { }
            }
            """,
            "WSP021",
            "Stocks",
            "sets BinaryFrames = StreamWireFormat.Json, so binary frames go to the JSON dispatcher, and also names a BinaryDispatcher");

    [Fact]
    public void JsonBinaryFramesAlone_ReportsNothing()
        => DiagnosticAssert.None(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]", BinaryFrames = StreamWireFormat.Json)]
            public sealed partial class Stocks
            {
            }
            """);
}
