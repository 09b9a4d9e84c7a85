using System.Buffers.Binary;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using WebsocketProxy.Generators.Tests.Support;

namespace WebsocketProxy.Generators.Tests;

/// <summary>Compiles the generated MessagePack dispatcher and runs it on binary frames; and binary frames that hold JSON.</summary>
public sealed class MessagePackRunTests
{
    private static readonly Lazy<Assembly> Compiled = new(() =>
    {
        var (result, output) = GeneratorHarness.Run(TestProtocols.Models, TestProtocols.Packed, TestProtocols.Driver, TestProtocols.Stocks, TestProtocols.Exchange, TestProtocols.Described);
        Assert.Empty(result.Diagnostics);
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(image.ToArray());
    });

    [Fact]
    public async Task PackedStream_MessagePackFrames_DecodesOnlyListenedAndCountsTheRest()
    {
        await using var connection = ScriptedConnection.Binary(
            Array(
                Map(Str("T"), Str("b"), Str("S"), Str("MSFT"), Str("c"), [0x01]),
                Map(Str("T"), Str("t"), Str("S"), Str("AAPL"), Str("p"), [0x02]),
                Map(Str("S"), Str("AAPL"), Str("c"), Float64(189.42), Str("T"), Str("b")),
                Map(Str("T"), Str("success"), Str("msg"), Str("authenticated")),
                [0x01],
                Map(Str("c"), [0x05])),
            [0x92, 0x83, 0xa1, (byte)'T'],
            Array(Map(Str("T"), Str("b"), Str("S"), Str("AAPL"), Str("future"), Map(Str("nested"), Array([0x01], [0x02])), Str("c"), [0x07])));

        var seen = await RunAsync("PackedAsync", connection);

        // MSFT was skipped without decoding (the context counted two decodes); "success" matched no channel, 0x01 is
        // not a map, {c:5} has no T, and the second frame is cut short: each counted, none fatal.
        Assert.Equal("AAPL=189.42#1|AAPL=7#2|malformedFrames=1,malformedMessages=2,unrecognized=1", seen);
        Assert.Equal(["+bars:AAPL", "-bars:AAPL"], connection.Calls);
    }

    [Fact]
    public async Task PackedStream_DecoderFails_ReportedAndTheFrameGoesOn()
    {
        await using var connection = ScriptedConnection.Binary(
            Array(
                Map(Str("T"), Str("t"), Str("S"), Str("AAPL"), Str("p"), [0xff]),
                Map(Str("T"), Str("t"), Str("S"), Str("AAPL"), Str("p"), [0x03])));

        var seen = await RunAsync("PackedTradesAsync", connection);

        Assert.Equal("AAPL=3|decodeFailures=1,malformedFrames=0", seen);
    }

    [Fact]
    public async Task BinaryFramesHoldJson_JsonInABinaryFrame_DecodedByTheJsonDispatcher()
    {
        await using var connection = ScriptedConnection.Binary(
            Encoding.UTF8.GetBytes("""{"stream":"trade_updates","S":"AAPL","p":5}"""));

        var seen = await RunAsync("PaperAsync", connection);

        Assert.Equal("AAPL=5", seen);
    }

    [Fact]
    public async Task JsonProtocol_BinaryFrame_ReportedAsMalformed()
    {
        // StockStream's decoders read only JSON: no MessagePack dispatcher, so binary frames are malformed, as before.
        var (result, output) = GeneratorHarness.Run(TestProtocols.Models, TestProtocols.Stocks);
        Assert.Empty(result.Diagnostics);
        var generated = Assert.Single(result.GeneratedSources, s => s.HintName == "Market.StockStream.g.cs").SourceText.ToString();
        Assert.DoesNotContain("DispatchMessagePackElement", generated, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    private static async Task<string> RunAsync(string method, ScriptedConnection connection)
    {
        var driver = Compiled.Value.GetType("Driver", throwOnError: true)!;
        var run = (Task<string>)driver.GetMethod(method)!.Invoke(null, [connection])!;
        return await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static byte[] Str(string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        return [(byte)(0xa0 | utf8.Length), .. utf8];
    }

    private static byte[] Map(params byte[][] keysAndValues) => [(byte)(0x80 | (keysAndValues.Length / 2)), .. keysAndValues.SelectMany(b => b)];

    private static byte[] Array(params byte[][] elements) => [(byte)(0x90 | elements.Length), .. elements.SelectMany(b => b)];

    private static byte[] Float64(double value)
    {
        var bytes = new byte[9];
        bytes[0] = 0xcb;
        BinaryPrimitives.WriteDoubleBigEndian(bytes.AsSpan(1), value);
        return bytes;
    }
}
