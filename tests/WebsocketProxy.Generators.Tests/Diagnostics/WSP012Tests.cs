namespace WebsocketProxy.Generators.Tests.Diagnostics;

/// <summary>WSP012: each type code belongs to one method.</summary>
public sealed class WSP012Tests
{
    [Fact]
    public void SameTypeCodeTwice_ReportsWSP012()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "{\"subscribe\":[{topics}]}", Unsubscribe = "{\"unsubscribe\":[{topics}]}")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken);

                [StreamChannel("dailyBars", TypeCode = "b")]
                public partial IAsyncEnumerable<Bar> DailyBars(string symbol, CancellationToken cancellationToken);
            }
            """,
            "WSP012",
            "DailyBars",
            "The type code 'b' of channel method 'DailyBars' is already declared by 'Bars'");

    [Fact]
    public void SameChannelDifferentTypeCodes_ReportsNothing()
        => DiagnosticAssert.None(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "{\"subscribe\":[{topics}]}", Unsubscribe = "{\"unsubscribe\":[{topics}]}")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken);

                [StreamChannel("bars", TypeCode = "u")]
                public partial IAsyncEnumerable<Bar> Updated(string symbol, CancellationToken cancellationToken);
            }
            """);

    [Fact]
    public void OverloadsOfOneMethod_ShareTheTypeCode_AndReportNothing()
        => DiagnosticAssert.None(
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken);

                [StreamChannel("bars", TypeCode = "b")]
                public partial IAsyncEnumerable<Bar> Bars(IEnumerable<string> symbols, CancellationToken cancellationToken);
            }
            """);

    [Fact]
    public void OneNameForTwoTypeCodes_ReportsNothing_AndCompiles()
    {
        var (result, output) = Support.GeneratorHarness.Run(
            DiagnosticAssert.Model,
            """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken);

                [StreamChannel("bars", TypeCode = "u")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol, StreamBufferOptions buffer, CancellationToken cancellationToken);
            }
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(Support.GeneratorHarness.CompilerProblems(output));
    }
}
