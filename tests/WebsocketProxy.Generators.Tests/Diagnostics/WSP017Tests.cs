namespace WebsocketProxy.Generators.Tests.Diagnostics;

/// <summary>WSP017: the router source must be an instance ValueTask&lt;StreamRouter&gt; M(CancellationToken) of the class or a base class.</summary>
public sealed class WSP017Tests
{
    [Fact]
    public void MissingMethod_ReportsWSP017()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]", RouterSource = "Nowhere")]
            public sealed partial class Stocks
            {
            }
            """,
            "WSP017",
            "Stocks",
            "The RouterSource 'Nowhere' of stream protocol class 'Stocks' must name an instance method 'ValueTask<StreamRouter> Nowhere(CancellationToken cancellationToken)'");

    [Fact]
    public void StaticMethod_ReportsWSP017()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]", RouterSource = nameof(RouterAsync))]
            public sealed partial class Stocks
            {
                private static ValueTask<StreamRouter> RouterAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
            }
            """,
            "WSP017",
            "Stocks",
            "must name an instance method");

    [Fact]
    public void PrivateMethodOfABaseClass_ReportsWSP017()
        => DiagnosticAssert.Single(
            """
            public abstract class Base
            {
                private ValueTask<StreamRouter> RouterAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
            }

            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]", RouterSource = "RouterAsync")]
            public sealed partial class Stocks : Base
            {
            }
            """,
            "WSP017",
            "Stocks",
            "must name an instance method");

    [Fact]
    public void ProtectedMethodOfABaseClass_ReportsNothing()
        => DiagnosticAssert.None(
            """
            public abstract class Base
            {
                private protected ValueTask<StreamRouter> RouterAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
            }

            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]", RouterSource = nameof(RouterAsync))]
            public sealed partial class Stocks : Base
            {
                [StreamChannel("bars", TypeCode = "b", Description = "minute bars")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken = default);
            }
            """);
}
