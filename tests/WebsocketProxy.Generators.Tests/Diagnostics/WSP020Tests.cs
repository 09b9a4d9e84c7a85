namespace WebsocketProxy.Generators.Tests.Diagnostics;

/// <summary>WSP020: when one channel reads MessagePack, every channel of the protocol must (a frame mixes types).</summary>
public sealed class WSP020Tests
{
    private const string PackedModel = """
        public sealed record Packed(string Symbol)
        {
            public static Packed Read(ref System.Text.Json.Utf8JsonReader reader) { reader.Skip(); return new Packed(""); }

            public static Packed Read(ReadOnlySpan<byte> message, out int consumed) { consumed = message.Length; return new Packed(""); }
        }
        """;

    [Fact]
    public void OneChannelWithoutMessagePackDecoder_ReportsWSP020()
        => DiagnosticAssert.Single(
            PackedModel + """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]")]
            public sealed partial class Stocks
            {
                [StreamChannel("trades", TypeCode = "t")]
                public partial IAsyncEnumerable<Packed> Trades(string symbol, CancellationToken cancellationToken = default);

                [StreamChannel("bars", TypeCode = "b")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken = default);
            }
            """,
            "WSP020",
            "Stocks",
            "The channel method 'Bars' has no MessagePack decoder while its protocol reads MessagePack binary frames: add 'static Bar Read(ReadOnlySpan<byte> message, out int consumed)'");

    [Fact]
    public void MessagePackAskedForWithoutDecoders_ReportsWSP020()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]", BinaryFrames = StreamWireFormat.MessagePack)]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken = default);
            }
            """,
            "WSP020",
            "Stocks",
            "'Bars' has no MessagePack decoder");

    [Fact]
    public void BinaryFramesHoldJson_JsonOnlyDecodersAreEnough()
        => DiagnosticAssert.None(
            PackedModel + """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]", BinaryFrames = StreamWireFormat.Json)]
            public sealed partial class Stocks
            {
                [StreamChannel("trades", TypeCode = "t")]
                public partial IAsyncEnumerable<Packed> Trades(string symbol, CancellationToken cancellationToken = default);

                [StreamChannel("bars", TypeCode = "b")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken = default);
            }
            """);

    [Fact]
    public void NoChannelReadsMessagePack_ReportsNothing()
        => DiagnosticAssert.None(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken = default);
            }
            """);
}
