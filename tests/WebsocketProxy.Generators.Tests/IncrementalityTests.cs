using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using WebsocketProxy.Generators.Tests.Support;

namespace WebsocketProxy.Generators.Tests;

/// <summary>Edits elsewhere must not redo the generator's work: every named step stays cached.</summary>
public sealed class IncrementalityTests
{
    private static readonly string[] Steps = ["Parse", "Specs", "Diagnostics", "Facades"];

    [Fact]
    public void UnrelatedEdit_EveryNamedStepIsCachedOrUnchanged()
    {
        var compilation = GeneratorHarness.Compilation(TestProtocols.Models, TestProtocols.Stocks, TestProtocols.Exchange, TestProtocols.Described);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other; internal static class Unrelated { public const int X = 1; }", GeneratorHarness.ParseOptions));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in Steps)
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"Step {step} ran again ({o.Reason}) after an unrelated edit."));
        }
    }

    [Fact]
    public void AddingTheDecoderInAnotherFile_ClearsTheDiagnosticAndGenerates()
    {
        const string Protocol = """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]")]
            public sealed partial class Stocks
            {
                [StreamChannel("quotes", TypeCode = "q")]
                public partial IAsyncEnumerable<Quote> Quotes(string symbol, CancellationToken cancellationToken);
            }
            """;
        var compilation = GeneratorHarness.Compilation("public sealed record Quote(string Symbol);", Protocol);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        Assert.Equal("WSP010", Assert.Single(driver.GetRunResult().Diagnostics).Id);

        var model = compilation.SyntaxTrees.Single(t => t.ToString().Contains("record Quote", StringComparison.Ordinal));
        var withDecoder = CSharpSyntaxTree.ParseText(
            "public sealed record Quote(string Symbol) { public static Quote Read(ref System.Text.Json.Utf8JsonReader reader) { reader.Skip(); return new(\"\"); } }",
            GeneratorHarness.ParseOptions);
        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(model, withDecoder)).GetRunResult();

        Assert.Empty(result.Diagnostics);
        Assert.Single(result.GeneratedTrees);
    }

    [Fact]
    public void ChannelAddedToTheStreamInAnotherFile_AppearsOnTheFacade()
    {
        const string Facade = """
            [StreamFacade(typeof(Stocks), nameof(Inner))]
            public sealed partial class Facade
            {
                public Stocks Inner { get; } = null!;
            }
            """;
        const string Stocks = """
            [StreamProtocol(Discriminator = "T", SymbolField = "S", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]")]
            public sealed partial class Stocks
            {
                [StreamChannel("bars", TypeCode = "b", Description = "minute bars")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken = default);
            }
            """;
        var compilation = GeneratorHarness.Compilation(Diagnostics.DiagnosticAssert.Model, Stocks, Facade);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        Assert.DoesNotContain("AllTrades", FacadeSource(driver), StringComparison.Ordinal);

        var tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains("class Stocks", StringComparison.Ordinal));
        var withTrades = CSharpSyntaxTree.ParseText(
            Stocks[..Stocks.LastIndexOf('}')] + """
                    [StreamChannel("trades", TypeCode = "t", DecoderType = typeof(Bar), Description = "trades")]
                    public partial IAsyncEnumerable<Bar> Trades(string symbol, CancellationToken cancellationToken = default);
                }
                """,
            GeneratorHarness.ParseOptions);
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, withTrades));

        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Contains("public global::System.Collections.Generic.IAsyncEnumerable<global::Bar> AllTrades(", FacadeSource(driver), StringComparison.Ordinal);

        static string FacadeSource(GeneratorDriver driver)
            => driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName == "Facade.Facade.g.cs").SourceText.ToString();
    }

    [Fact]
    public void PipelineModels_HoldNoSymbolsSyntaxOrLocations()
    {
        var forbidden = new[] { typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(SemanticModel), typeof(Compilation) };
        var models = typeof(StreamGenerator).Assembly.GetTypes().Where(t => t.Namespace == "WebsocketProxy.Generators.Model").ToList();

        Assert.NotEmpty(models);
        foreach (var property in models.SelectMany(t => t.GetProperties()))
        {
            Assert.DoesNotContain(forbidden, f => f.IsAssignableFrom(property.PropertyType));
        }
    }

    [Fact]
    public void EditInsideAProtocolBody_WithoutChangingIt_KeepsItsSpecUnchanged()
    {
        var compilation = GeneratorHarness.Compilation(TestProtocols.Models, TestProtocols.Stocks);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains("class StockStream", StringComparison.Ordinal));
        var commented = tree.WithChangedText(tree.GetText().Replace(0, 0, "// a comment changes the syntax tree, not the spec\n"));

        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, commented)).GetRunResult().Results.Single();

        // The parser ran again on the edited tree and produced an equal model, so nothing after it ran.
        Assert.All(result.TrackedSteps["Parse"].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.All(result.TrackedSteps["Specs"].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void ChangingAChannel_RegeneratesTheSource()
    {
        var compilation = GeneratorHarness.Compilation(TestProtocols.Models, TestProtocols.Stocks);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains("class StockStream", StringComparison.Ordinal));
        var changed = CSharpSyntaxTree.ParseText(tree.ToString().Replace("TypeCode = \"b\"", "TypeCode = \"B\"", StringComparison.Ordinal), GeneratorHarness.ParseOptions);

        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, changed)).GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps["Specs"].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("\"B\"u8", result.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }
}
