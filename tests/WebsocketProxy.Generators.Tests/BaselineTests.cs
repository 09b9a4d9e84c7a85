using System.Runtime.CompilerServices;
using WebsocketProxy.Generators.Tests.Support;

namespace WebsocketProxy.Generators.Tests;

/// <summary>
/// The generated source, compared exactly with Baselines/*.g.cs. After an intended change to the
/// emitter, run the tests with UPDATE_BASELINES=1 to rewrite the files, and review the diff.
/// </summary>
public sealed class BaselineTests
{
    [Theory]
    [InlineData("Market.StockStream.g.cs", TestProtocols.Stocks)]
    [InlineData("Exchange.ExchangeStream.g.cs", TestProtocols.Exchange)]
    [InlineData("Market.LazyStocks.g.cs", TestProtocols.Described)]
    [InlineData("Market.Headlines.g.cs", TestProtocols.Described)]
    [InlineData("Market.MarketFacade.Facade.g.cs", TestProtocols.Described)]
    [InlineData("Market.PackedStocks.g.cs", TestProtocols.Packed)]
    [InlineData("Market.PaperUpdates.g.cs", TestProtocols.Packed)]
    public void Generate_Protocol_MatchesBaseline_AndCompilesCleanly(string hintName, string protocol)
    {
        var (result, output) = GeneratorHarness.Run(TestProtocols.Models, protocol);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
        var generated = Assert.Single(result.GeneratedSources, s => s.HintName == hintName).SourceText.ToString();
        var path = BaselinePath(hintName);
        if (Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"No baseline at {path}: run the tests with UPDATE_BASELINES=1.");
        Assert.Equal(File.ReadAllText(path), generated);
    }

    private static string BaselinePath(string hintName, [CallerFilePath] string testFile = "")
        => Path.Combine(Path.GetDirectoryName(testFile)!, "Baselines", hintName);
}
