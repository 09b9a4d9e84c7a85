using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Newtonsoft.Json.Linq;
using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;
using StjSerializer = System.Text.Json.JsonSerializer;

namespace WebsocketProxy.Benchmarks.Alpaca;

/// <summary>
/// Decoding one message frame (the reference's sample frames) into a typed model: ours (what the generated
/// dispatcher does: <c>StreamJson.ScanKeys</c> to the element's T and S, then the decoder's <c>ReadJson</c>, the
/// hand-written span scanner, with interned strings), the same decoders over <c>Utf8JsonReader</c> (the path before
/// issue 13 item 5), ours from MessagePack (the same messages as Alpaca sends them in binary), Newtonsoft
/// JArray.Parse + ToObject (the official SDK's way; given the frame as a string, which favours it), and
/// reflection-based System.Text.Json.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class AlpacaDecodingBenchmarks
{
    private const string TradeJson =
        """[{"T":"t","S":"AAPL","i":52983525029461,"x":"V","p":189.42,"s":100,"c":["@"],"z":"C","t":"2024-05-01T14:31:02.123456789Z"}]""";

    private const string QuoteJson =
        """[{"T":"q","S":"AAPL","bx":"Q","bp":189.41,"bs":2,"ax":"P","ap":189.43,"as":3,"c":["R"],"z":"C","t":"2024-05-01T14:31:02.125000417Z"}]""";

    private const string BarJson =
        """[{"T":"b","S":"AAPL","o":189.30,"h":189.55,"l":189.22,"c":189.42,"v":48213,"n":512,"vw":189.4011,"t":"2024-05-01T14:30:00Z"}]""";

    // A minute's bars for twenty symbols in one frame, as the bars channel sends them at the top of a minute.
    private const int BatchSize = 20;

    private static readonly string BarBatchJson = "[" + string.Join(",", Enumerable.Range(0, BatchSize).Select(i =>
        $$"""{"T":"b","S":"SYM{{i}}","o":189.30,"h":189.55,"l":189.22,"c":189.{{i + 10}},"v":48213,"n":512,"vw":189.4011,"t":"2024-05-01T14:30:00Z"}""")) + "]";

    private static readonly byte[] BarBatchUtf8 = Encoding.UTF8.GetBytes(BarBatchJson);

    private static readonly byte[] TradeUtf8 = Encoding.UTF8.GetBytes(TradeJson);
    private static readonly byte[] QuoteUtf8 = Encoding.UTF8.GetBytes(QuoteJson);
    private static readonly byte[] BarUtf8 = Encoding.UTF8.GetBytes(BarJson);

    private static readonly byte[] TradePack = GeneratedPath.ToMessagePack(TradeJson);
    private static readonly byte[] QuotePack = GeneratedPath.ToMessagePack(QuoteJson);
    private static readonly byte[] BarPack = GeneratedPath.ToMessagePack(BarJson);
    private static readonly byte[] BarBatchPack = GeneratedPath.ToMessagePack(BarBatchJson);

    private readonly AlpacaDecodeContext _context = new();

    [GlobalSetup]
    public void CheckAllAgree()
    {
        // A benchmark of decoders that disagree would measure nothing.
        if (Ours_Trade().Price != Newtonsoft_Trade().Price || Ours_Trade().Price != Stj_Trade().Price
            || Ours_Quote().AskPrice != Newtonsoft_Quote().AskPrice || Ours_Quote().AskPrice != Stj_Quote().AskPrice
            || Ours_Bar().Close != Newtonsoft_Bar().Close || Ours_Bar().Close != Stj_Bar().Close
            || Ours_BarFrame() != Newtonsoft_BarFrame() || Ours_BarFrame() != Stj_BarFrame()
            || Ours_Trade() != OursUtf8JsonReader_Trade() || Ours_Trade() != OursMessagePack_Trade()
            || Ours_Quote() != OursUtf8JsonReader_Quote() || Ours_Quote() != OursMessagePack_Quote()
            || Ours_Bar() != OursUtf8JsonReader_Bar() || Ours_Bar() != OursMessagePack_Bar()
            || Ours_BarFrame() != OursUtf8JsonReader_BarFrame() || Ours_BarFrame() != OursMessagePack_BarFrame())
        {
            throw new InvalidOperationException("The decoders disagree on the sample frames.");
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Trade")]
    public ReferenceTrade Newtonsoft_Trade() => JArray.Parse(TradeJson)[0].ToObject<ReferenceTrade>()!;

    [Benchmark, BenchmarkCategory("Trade")]
    public ReferenceTrade Stj_Trade() => StjSerializer.Deserialize<ReferenceTrade[]>(TradeUtf8)![0];

    [Benchmark, BenchmarkCategory("Trade")]
    public StockTrade Ours_Trade() => GeneratedPath.Json(TradeUtf8, StockTradeDecoder.ReadJson, _context);

    [Benchmark, BenchmarkCategory("Trade")]
    public StockTrade OursUtf8JsonReader_Trade() => DecodeSingle(TradeUtf8, StockTradeDecoder.Read);

    [Benchmark, BenchmarkCategory("Trade")]
    public StockTrade OursMessagePack_Trade() => GeneratedPath.Pack(TradePack, StockTradeDecoder.Read, _context);

    [Benchmark(Baseline = true), BenchmarkCategory("Quote")]
    public ReferenceQuote Newtonsoft_Quote() => JArray.Parse(QuoteJson)[0].ToObject<ReferenceQuote>()!;

    [Benchmark, BenchmarkCategory("Quote")]
    public ReferenceQuote Stj_Quote() => StjSerializer.Deserialize<ReferenceQuote[]>(QuoteUtf8)![0];

    [Benchmark, BenchmarkCategory("Quote")]
    public StockQuote Ours_Quote() => GeneratedPath.Json(QuoteUtf8, StockQuoteDecoder.ReadJson, _context);

    [Benchmark, BenchmarkCategory("Quote")]
    public StockQuote OursUtf8JsonReader_Quote() => DecodeSingle(QuoteUtf8, StockQuoteDecoder.Read);

    [Benchmark, BenchmarkCategory("Quote")]
    public StockQuote OursMessagePack_Quote() => GeneratedPath.Pack(QuotePack, StockQuoteDecoder.Read, _context);

    [Benchmark(Baseline = true), BenchmarkCategory("Bar")]
    public ReferenceBar Newtonsoft_Bar() => JArray.Parse(BarJson)[0].ToObject<ReferenceBar>()!;

    [Benchmark, BenchmarkCategory("Bar")]
    public ReferenceBar Stj_Bar() => StjSerializer.Deserialize<ReferenceBar[]>(BarUtf8)![0];

    [Benchmark, BenchmarkCategory("Bar")]
    public StockBar Ours_Bar() => GeneratedPath.Json(BarUtf8, StockBarDecoder.ReadJson, _context);

    [Benchmark, BenchmarkCategory("Bar")]
    public StockBar OursUtf8JsonReader_Bar() => DecodeSingle(BarUtf8, StockBarDecoder.Read);

    [Benchmark, BenchmarkCategory("Bar")]
    public StockBar OursMessagePack_Bar() => GeneratedPath.Pack(BarPack, StockBarDecoder.Read, _context);

    [Benchmark(Baseline = true, OperationsPerInvoke = BatchSize), BenchmarkCategory("Bar, frame of 20")]
    public decimal Newtonsoft_BarFrame()
    {
        var sum = 0m;
        foreach (var element in JArray.Parse(BarBatchJson))
        {
            sum += element.ToObject<ReferenceBar>()!.Close;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = BatchSize), BenchmarkCategory("Bar, frame of 20")]
    public decimal Stj_BarFrame()
    {
        var sum = 0m;
        foreach (var bar in StjSerializer.Deserialize<ReferenceBar[]>(BarBatchUtf8)!)
        {
            sum += bar.Close;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = BatchSize), BenchmarkCategory("Bar, frame of 20")]
    public decimal Ours_BarFrame() => GeneratedPath.JsonBarFrame(BarBatchUtf8, _context);

    [Benchmark(OperationsPerInvoke = BatchSize), BenchmarkCategory("Bar, frame of 20")]
    public decimal OursMessagePack_BarFrame() => GeneratedPath.PackBarFrame(BarBatchPack, _context);

    [Benchmark(OperationsPerInvoke = BatchSize), BenchmarkCategory("Bar, frame of 20")]
    public decimal OursUtf8JsonReader_BarFrame()
    {
        var sum = 0m;
        var json = new Utf8JsonReader(BarBatchUtf8);
        json.Read();
        while (json.Read() && json.TokenType == JsonTokenType.StartObject)
        {
            var start = json;
            if (ScanToTypeCode(ref json).SequenceEqual("b"u8))
            {
                json = start;
                sum += StockBarDecoder.Read(ref json, _context).Close;
            }
            else
            {
                json = start;
                json.Skip();
            }
        }

        return sum;
    }

    // The generated dispatcher's first pass: the element's properties up to its type code.
    private static ReadOnlySpan<byte> ScanToTypeCode(ref Utf8JsonReader json)
    {
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var isType = json.ValueTextEquals("T"u8);
            json.Read();
            if (isType)
            {
                return json.ValueSpan;
            }

            json.Skip();
        }

        return default;
    }

    private TModel DecodeSingle<TModel>(byte[] frame, JsonDecoder<TModel> decode)
    {
        var json = new Utf8JsonReader(frame);
        json.Read();
        json.Read();
        var start = json;
        if (ScanToTypeCode(ref json).IsEmpty)
        {
            throw new InvalidOperationException("The sample frame has no type code.");
        }

        json = start;
        return decode(ref json, _context);
    }

    private delegate TModel JsonDecoder<out TModel>(ref Utf8JsonReader json, AlpacaDecodeContext context);
}
