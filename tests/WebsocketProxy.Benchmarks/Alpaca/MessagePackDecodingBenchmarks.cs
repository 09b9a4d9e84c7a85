using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Alpaca.Simulator.Protocol;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Benchmarks.Alpaca;

/// <summary>
/// The same sample messages as <see cref="AlpacaDecodingBenchmarks"/>, decoded from JSON (ours, the baseline: the
/// generated dispatcher's span path, <see cref="GeneratedPath"/>) and from
/// MessagePack (written by the simulator's encoder, as Alpaca sends it: doubles, ints, timestamp extensions): with the
/// product's hand-written span reader, and with a reader over MessagePack-CSharp's <c>MessagePackReader</c>. Each
/// decodes as the generated dispatchers do: find the element, read its <c>T</c>, then decode the whole message.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class MessagePackDecodingBenchmarks
{
    private const int BatchSize = 20;

    private const string TradeJson =
        """[{"T":"t","S":"AAPL","i":52983525029461,"x":"V","p":189.42,"s":100,"c":["@"],"z":"C","t":"2024-05-01T14:31:02.123456789Z"}]""";

    private const string QuoteJson =
        """[{"T":"q","S":"AAPL","bx":"Q","bp":189.41,"bs":2,"ax":"P","ap":189.43,"as":3,"c":["R"],"z":"C","t":"2024-05-01T14:31:02.125000417Z"}]""";

    private const string BarJson =
        """[{"T":"b","S":"AAPL","o":189.30,"h":189.55,"l":189.22,"c":189.42,"v":48213,"n":512,"vw":189.4011,"t":"2024-05-01T14:30:00Z"}]""";

    private static readonly string BarBatchJson = "[" + string.Join(",", Enumerable.Range(0, BatchSize).Select(i =>
        $$"""{"T":"b","S":"SYM{{i}}","o":189.30,"h":189.55,"l":189.22,"c":189.{{i + 10}},"v":48213,"n":512,"vw":189.4011,"t":"2024-05-01T14:30:00Z"}""")) + "]";

    private static readonly byte[] TradeUtf8 = Encoding.UTF8.GetBytes(TradeJson);
    private static readonly byte[] QuoteUtf8 = Encoding.UTF8.GetBytes(QuoteJson);
    private static readonly byte[] BarUtf8 = Encoding.UTF8.GetBytes(BarJson);
    private static readonly byte[] BarBatchUtf8 = Encoding.UTF8.GetBytes(BarBatchJson);
    private static readonly byte[] TradePack = ToMessagePack(TradeJson);
    private static readonly byte[] QuotePack = ToMessagePack(QuoteJson);
    private static readonly byte[] BarPack = ToMessagePack(BarJson);
    private static readonly byte[] BarBatchPack = ToMessagePack(BarBatchJson);

    private readonly AlpacaDecodeContext _context = new();

    [GlobalSetup]
    public void CheckAllAgree()
    {
        if (Json_Trade() != MessagePack_Trade() || Json_Trade() != MessagePackCSharp_Trade()
            || Json_Quote() != MessagePack_Quote() || Json_Quote() != MessagePackCSharp_Quote()
            || Json_Bar() != MessagePack_Bar() || Json_Bar() != MessagePackCSharp_Bar()
            || Json_BarFrame() != MessagePack_BarFrame() || Json_BarFrame() != MessagePackCSharp_BarFrame())
        {
            throw new InvalidOperationException("The codecs disagree on the sample frames.");
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Trade")]
    public StockTrade Json_Trade() => GeneratedPath.Json(TradeUtf8, StockTradeDecoder.ReadJson, _context);

    [Benchmark, BenchmarkCategory("Trade")]
    public StockTrade MessagePack_Trade() => Pack(TradePack, StockTradeDecoder.Read);

    [Benchmark, BenchmarkCategory("Trade")]
    public StockTrade MessagePackCSharp_Trade()
    {
        var reader = new MessagePackCSharpFieldReader(Element(TradePack), _context);
        return StockTradeDecoder.Read(ref reader);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Quote")]
    public StockQuote Json_Quote() => GeneratedPath.Json(QuoteUtf8, StockQuoteDecoder.ReadJson, _context);

    [Benchmark, BenchmarkCategory("Quote")]
    public StockQuote MessagePack_Quote() => Pack(QuotePack, StockQuoteDecoder.Read);

    [Benchmark, BenchmarkCategory("Quote")]
    public StockQuote MessagePackCSharp_Quote()
    {
        var reader = new MessagePackCSharpFieldReader(Element(QuotePack), _context);
        return StockQuoteDecoder.Read(ref reader);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Bar")]
    public StockBar Json_Bar() => GeneratedPath.Json(BarUtf8, StockBarDecoder.ReadJson, _context);

    [Benchmark, BenchmarkCategory("Bar")]
    public StockBar MessagePack_Bar() => Pack(BarPack, StockBarDecoder.Read);

    [Benchmark, BenchmarkCategory("Bar")]
    public StockBar MessagePackCSharp_Bar()
    {
        var reader = new MessagePackCSharpFieldReader(Element(BarPack), _context);
        return StockBarDecoder.Read(ref reader);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BatchSize), BenchmarkCategory("Bar, frame of 20")]
    public decimal Json_BarFrame() => GeneratedPath.JsonBarFrame(BarBatchUtf8, _context);

    [Benchmark(OperationsPerInvoke = BatchSize), BenchmarkCategory("Bar, frame of 20")]
    public decimal MessagePack_BarFrame()
    {
        var sum = 0m;
        ReadOnlySpan<byte> frame = BarBatchPack;
        var position = 0;
        StreamMessagePack.TryReadArrayHeader(frame, ref position, out var count);
        for (var i = 0; i < count; i++)
        {
            var start = position;
            StreamMessagePack.Skip(frame, ref position);
            var message = frame[start..position];
            ScanToTypeCode(message);
            sum += StockBarDecoder.Read(message, out _, _context).Close;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = BatchSize), BenchmarkCategory("Bar, frame of 20")]
    public decimal MessagePackCSharp_BarFrame()
    {
        var sum = 0m;
        var position = 0;
        StreamMessagePack.TryReadArrayHeader(BarBatchPack, ref position, out var count);
        for (var i = 0; i < count; i++)
        {
            var start = position;
            StreamMessagePack.Skip(BarBatchPack, ref position);
            ScanToTypeCode(BarBatchPack.AsSpan(start, position - start));
            var reader = new MessagePackCSharpFieldReader(BarBatchPack.AsMemory(start, position - start), _context);
            sum += StockBarDecoder.Read(ref reader).Close;
        }

        return sum;
    }

    private static byte[] ToMessagePack(string json)
    {
        // The simulator's own conversion (recorded sessions): numbers as int or float64, "t" as timestamp extension -1.
        using var encoder = new MessageEncoder { JsonEnabled = false, PackEnabled = true };
        using var document = JsonDocument.Parse(json);
        var messages = document.RootElement.EnumerateArray().Select(encoder.Recorded).ToList();
        var header = new byte[5];
        var length = MessagePackBytes.ArrayHeader(header, messages.Count);
        return [.. header.AsSpan(0, length), .. messages.SelectMany(m => encoder.Pack(m).ToArray())];
    }

    // The generated MessagePack dispatcher's first pass.
    private static ReadOnlySpan<byte> ScanToTypeCode(ReadOnlySpan<byte> message)
    {
        var position = 0;
        StreamMessagePack.TryReadMapHeader(message, ref position, out var count);
        for (var i = 0; i < count; i++)
        {
            StreamMessagePack.TryReadString(message, ref position, out var key);
            if (key.SequenceEqual("T"u8) && StreamMessagePack.TryReadString(message, ref position, out var code))
            {
                return code;
            }

            StreamMessagePack.Skip(message, ref position);
        }

        return default;
    }

    // The runtime's cut of a one-message frame into its map.
    private static ReadOnlyMemory<byte> Element(byte[] frame)
    {
        var position = 0;
        StreamMessagePack.TryReadArrayHeader(frame, ref position, out _);
        var start = position;
        StreamMessagePack.Skip(frame, ref position);
        ScanToTypeCode(frame.AsSpan(start, position - start));
        return frame.AsMemory(start, position - start);
    }

    private TModel Pack<TModel>(byte[] frame, PackDecoder<TModel> decode)
    {
        var message = Element(frame).Span;
        return decode(message, out _, _context);
    }

    private delegate TModel PackDecoder<out TModel>(ReadOnlySpan<byte> message, out int consumed, AlpacaDecodeContext context);
}
