namespace WebsocketProxy.Generators.Tests.Diagnostics;

/// <summary>WSP019: a facade is a partial class naming a stream protocol class and a member holding one.</summary>
public sealed class WSP019Tests
{
    private const string Stocks = """
        [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]")]
        public sealed partial class Stocks
        {
            [StreamChannel("bars", TypeCode = "b", Description = "minute bars")]
            public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken = default);
        }
        """;

    [Fact]
    public void NotPartial_ReportsWSP019()
        => DiagnosticAssert.Single(
            Stocks + """

            [StreamFacade(typeof(Stocks), nameof(Inner))]
            public sealed class Facade
            {
                public Stocks Inner { get; } = null!;
            }
            """,
            "WSP019",
            "Facade",
            "The stream facade class 'Facade' is invalid: it must be a top-level, non-generic partial class");

    [Fact]
    public void StreamTypeWithoutProtocol_ReportsWSP019()
        => DiagnosticAssert.Single(
            """
            [StreamFacade(typeof(string), "Length")]
            public sealed partial class Facade
            {
            }
            """,
            "WSP019",
            "Facade",
            "'string' is not a [StreamProtocol] class");

    [Fact]
    public void MemberOfAnotherType_ReportsWSP019()
        => DiagnosticAssert.Single(
            Stocks + """

            [StreamFacade(typeof(Stocks), nameof(Inner))]
            public sealed partial class Facade
            {
                public object Inner { get; } = null!;
            }
            """,
            "WSP019",
            "Facade",
            "'Inner' must name an instance property or field of type 'Stocks'");

    [Fact]
    public void ValidFacade_ReportsNothing()
        => DiagnosticAssert.None(
            Stocks + """

            [StreamFacade(typeof(Stocks), nameof(_inner))]
            public sealed partial class Facade
            {
                private readonly Stocks _inner = null!;
            }
            """);
}
