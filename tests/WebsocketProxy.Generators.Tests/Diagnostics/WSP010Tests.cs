namespace WebsocketProxy.Generators.Tests.Diagnostics;

/// <summary>WSP010: every model type needs a decoder.</summary>
public sealed class WSP010Tests
{
    [Fact]
    public void ModelWithoutDecoder_ReportsWSP010()
        => DiagnosticAssert.Single(
            """
            public sealed record Quote(string Symbol);

            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "{\"subscribe\":[{topics}]}", Unsubscribe = "{\"unsubscribe\":[{topics}]}")]
            public sealed partial class Stocks
            {
                [StreamChannel("quotes", TypeCode = "q")]
                public partial IAsyncEnumerable<Quote> Quotes(string symbol, CancellationToken cancellationToken);
            }
            """,
            "WSP010",
            "Quotes",
            "The model type 'Quote' of channel method 'Quotes' has no decoder");

    [Fact]
    public void NamedDecoderMissing_ReportsWSP010()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "{\"subscribe\":[{topics}]}", Unsubscribe = "{\"unsubscribe\":[{topics}]}")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b", Decoder = "NoSuchMethod")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken);
            }
            """,
            "WSP010",
            "Bars",
            "has no decoder");

    [Fact]
    public void DecoderWithWrongSignature_ReportsWSP010()
        => DiagnosticAssert.Single(
            """
            public sealed record Quote(string Symbol)
            {
                public static Quote Read(System.Text.Json.Utf8JsonReader reader) => new("");
            }

            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "{\"subscribe\":[{topics}]}", Unsubscribe = "{\"unsubscribe\":[{topics}]}")]
            public sealed partial class Stocks
            {
                [StreamChannel("quotes", TypeCode = "q")]
                public partial IAsyncEnumerable<Quote> Quotes(string symbol, CancellationToken cancellationToken);
            }
            """,
            "WSP010",
            "Quotes",
            "has no decoder");
}
