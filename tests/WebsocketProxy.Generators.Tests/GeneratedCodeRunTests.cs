using System.Reflection;
using Microsoft.CodeAnalysis;
using WebsocketProxy.Generators.Tests.Support;

namespace WebsocketProxy.Generators.Tests;

/// <summary>Compiles generated code and runs it: real frames are dispatched to typed listeners of both protocols.</summary>
public sealed class GeneratedCodeRunTests
{
    private static readonly Lazy<Assembly> Compiled = new(() =>
    {
        var (result, output) = GeneratorHarness.Run(TestProtocols.Models, TestProtocols.Stocks, TestProtocols.Exchange, TestProtocols.Described, TestProtocols.Packed, TestProtocols.Driver);
        Assert.Empty(result.Diagnostics);
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(image.ToArray());
    });

    [Fact]
    public async Task StockStream_AlpacaLikeFrames_YieldsOnlyRequestedBars()
    {
        await using var connection = new ScriptedConnection(
            """[{"T":"b","S":"MSFT","c":1},{"T":"t","S":"AAPL","p":2},{"T":"b","S":"AAPL","c":189.42}]""",
            """[{"T":"success","msg":"x"},{"S":"AAPL","c":190.01,"T":"b"}]""");

        var seen = await RunAsync("StocksAsync", connection);

        Assert.Equal("AAPL=189.42|AAPL=190.01", seen);
        Assert.Equal(["+bars:AAPL", "-bars:AAPL"], connection.Calls);
    }

    [Fact]
    public async Task StockStream_DecoderTypeWithContext_DecodesOnlyListenedQuotesWithTheSharedContext()
    {
        await using var connection = new ScriptedConnection(
            """[{"T":"q","S":"MSFT","bp":1},{"T":"q","S":"AAPL","bp":189.41}]""");

        var seen = await RunAsync("QuotesAsync", connection);

        // MSFT was skipped without decoding: the context counted one decode only.
        Assert.Equal("AAPL=189.41#1", seen);
    }

    [Fact]
    public async Task ExchangeStream_NonAlpacaFrames_YieldsTicksOfRequestedProducts()
    {
        await using var connection = new ScriptedConnection(
            """{"type":"ticker","product_id":"SOL-USD","price":"150"}""",
            """{"price":"64210.5","product_id":"BTC-USD","type":"ticker"}""",
            """[{"type":"heartbeat"},{"type":"ticker","product_id":"ETH-USD","price":"3100"}]""");

        var seen = await RunAsync("ExchangeAsync", connection);

        Assert.Equal("BTC-USD=64210.5|ETH-USD=3100", seen);
        Assert.Equal(["+ticker:BTC-USD,ETH-USD", "-ticker:BTC-USD,ETH-USD"], connection.Calls);
    }

    [Fact]
    public async Task Facade_GeneratedForwarder_OpensTheRouterOnFirstReadAndYieldsEverySymbol()
    {
        await using var connection = new ScriptedConnection(
            """[{"T":"b","S":"MSFT","c":1},{"T":"t","S":"AAPL","p":2},{"T":"b","S":"AAPL","c":189.42}]""");

        var seen = await RunAsync("FacadeAsync", connection);

        // Calling the method opened nothing: the router (a connection, in the Alpaca layer) waits for the first read.
        Assert.Equal("opened=0|opened=0|MSFT=1|AAPL=189.42|opened=1", seen);
        Assert.Equal(["+bars:*", "-bars:*"], connection.Calls);
    }

    [Fact]
    public void DescribedChannel_DeclaredWithoutDocs_EveryGeneratedPublicMemberIsDocumented()
    {
        var (result, output) = GeneratorHarness.Run(TestProtocols.Models, TestProtocols.Described);

        Assert.Empty(result.Diagnostics);

        // Everywhere, not only in generated files: the declaring parts carry no docs, the generated parts do
        // (an undocumented hand-written member still shows, so the check is live).
        Assert.Contains(output.GetDiagnostics(), d => d.Id == "CS1591" && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("LazyStocks.Opened", StringComparison.Ordinal));
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Id == "CS1591" && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("Bars", StringComparison.Ordinal));
        var stocks = output.GetTypeByMetadataName("Market.LazyStocks")!;
        Assert.Equal(
            ["AllBars(StreamBufferOptions?, CancellationToken)", "Bars(IEnumerable<string>, StreamBufferOptions?, CancellationToken)", "Bars(string, CancellationToken)", "Bars(string, StreamBufferOptions?, CancellationToken)"],
            stocks.GetMembers().OfType<IMethodSymbol>().Where(m => m.Name.EndsWith("Bars", StringComparison.Ordinal) && m.DeclaredAccessibility == Accessibility.Public)
                .Select(m => $"{m.Name}({string.Join(", ", m.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)))})").Order(StringComparer.Ordinal));
        var facade = output.GetTypeByMetadataName("Market.MarketFacade")!;
        var summary = facade.GetMembers("AllTrades").Single().GetDocumentationCommentXml();
        Assert.Contains("The trades &amp; prints of every symbol", summary, StringComparison.Ordinal);
    }

    private static async Task<string> RunAsync(string method, ScriptedConnection connection)
    {
        var driver = Compiled.Value.GetType("Driver", throwOnError: true)!;
        var run = (Task<string>)driver.GetMethod(method)!.Invoke(null, [connection])!;
        return await run.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
