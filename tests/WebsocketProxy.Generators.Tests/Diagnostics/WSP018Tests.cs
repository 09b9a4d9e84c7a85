namespace WebsocketProxy.Generators.Tests.Diagnostics;

/// <summary>WSP018: a described channel is declared once, in its simplest form, with the documented parameter names.</summary>
public sealed class WSP018Tests
{
    [Fact]
    public void DescribedWithBufferParameter_ReportsWSP018()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b", Description = "minute bars")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol, StreamBufferOptions? buffer, CancellationToken cancellationToken = default);
            }
            """,
            "WSP018",
            "Bars",
            "The channel method 'Bars' has a Description, so it is its channel's one declaration and must be declared as 'IAsyncEnumerable<T> Bars(string symbol, CancellationToken cancellationToken = default)'");

    [Fact]
    public void DescribedWithAnotherParameterName_ReportsWSP018()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b", Description = "minute bars")]
                public partial IAsyncEnumerable<Bar> Bars(string ticker, CancellationToken cancellationToken = default);
            }
            """,
            "WSP018",
            "Bars",
            "must be declared as");

    [Fact]
    public void DescribedWithoutSymbolField_ExpectsTheTokenOnly()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]")]
            public sealed partial class News
            {
                [StreamChannel("news", TypeCode = "n", Description = "articles")]
                public partial IAsyncEnumerable<Bar> Articles(StreamBufferOptions? buffer, CancellationToken cancellationToken = default);
            }
            """,
            "WSP018",
            "Articles",
            "must be declared as 'IAsyncEnumerable<T> Articles(CancellationToken cancellationToken = default)'");

    [Fact]
    public void DescribedCallback_ReportsWSP018()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b", Description = "minute bars")]
                public partial ValueTask<StreamSubscription> OnBar(string symbol, Action<Bar> handler, CancellationToken cancellationToken);
            }
            """,
            "WSP018",
            "OnBar",
            "must be declared as");

    [Fact]
    public void BlankDescription_ReportsWSP018()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b", Description = " ")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken = default);
            }
            """,
            "WSP018",
            "Bars",
            "must be declared as");

    [Fact]
    public void HandWrittenOverloadTheGeneratorAlsoWrites_ReportsWSP016()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b", Description = "minute bars")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken = default);

                public IAsyncEnumerable<Bar> Bars(IEnumerable<string> tickers, StreamBufferOptions? buffer, CancellationToken cancellationToken) => throw new NotSupportedException();
            }
            """,
            "WSP016",
            "Stocks",
            "The member 'Stocks.Bars(IEnumerable<string>, StreamBufferOptions?, CancellationToken)'");

    [Fact]
    public void HandWrittenOverloadOfAnotherShape_ReportsNothing()
        => DiagnosticAssert.None(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b", Description = "minute bars")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken = default);

                public IAsyncEnumerable<Bar> Bars(string first, string second) => throw new NotSupportedException();
            }
            """);

    [Fact]
    public void UserMemberNamedLikeTheAllOverload_ReportsWSP016()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b", Description = "minute bars")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken = default);

                public int AllBars => 0;
            }
            """,
            "WSP016",
            "Stocks",
            "The member 'AllBars'");
}
