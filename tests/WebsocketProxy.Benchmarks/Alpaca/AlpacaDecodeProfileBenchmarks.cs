using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using WebsocketProxy.Alpaca;
using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Benchmarks.Alpaca;

/// <summary>
/// Where the time of one quote's JSON decode goes: its parts measured alone. <c>Tokenize</c> (a bare
/// <see cref="Utf8JsonReader"/> pass) against <c>DecodeWithUtf8JsonReader</c> is why the dispatch path scans the bytes
/// itself (<c>DecodeSpan</c>, <c>ScanKeys</c>).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class AlpacaDecodeProfileBenchmarks
{
    private static readonly byte[] QuoteUtf8 = Encoding.UTF8.GetBytes(
        """[{"T":"q","S":"AAPL","bx":"Q","bp":189.41,"bs":2,"ax":"P","ap":189.43,"as":3,"c":["R"],"z":"C","t":"2024-05-01T14:31:02.125000417Z"}]""");

    private static readonly byte[] Timestamp = "2024-05-01T14:31:02.125000417Z"u8.ToArray();
    private static readonly byte[] Price = "189.41"u8.ToArray();
    private static readonly byte[] Symbol = "AAPL"u8.ToArray();

    private readonly AlpacaDecodeContext _context = new();

    [Benchmark]
    public int Tokenize()
    {
        var json = new Utf8JsonReader(QuoteUtf8);
        var n = 0;
        while (json.Read())
        {
            n++;
        }

        return n;
    }

    [Benchmark]
    public StockQuote DecodeSpan() => StockQuoteDecoder.ReadJson(QuoteUtf8.AsSpan(1), out _, _context);

    [Benchmark]
    public bool ScanKeys()
    {
        StreamJson.ScanKeys(QuoteUtf8.AsSpan(1), "T"u8, "S"u8, out var hasTypeCode, out _, out _, out _);
        return hasTypeCode;
    }

    [Benchmark]
    public StockQuote DecodeWithUtf8JsonReader()
    {
        var json = new Utf8JsonReader(QuoteUtf8);
        json.Read();
        json.Read();
        return StockQuoteDecoder.Read(ref json, _context);
    }

    [Benchmark]
    public AlpacaTimestamp ParseTimestamp() => AlpacaTimestamp.TryParse(Timestamp, out var t) ? t : default;

    [Benchmark]
    public decimal ParseDecimal() => Utf8Decimal.TryParsePlain(Price, out var d) ? d : 0m;

    [Benchmark]
    public string Intern() => _context.Intern(Symbol);

    [Benchmark]
    public StockQuote Allocate() => new()
    {
        Symbol = "AAPL",
        Timestamp = default,
        BidExchange = "Q",
        BidPrice = 1m,
        BidSize = 2,
        AskExchange = "P",
        AskPrice = 3m,
        AskSize = 3,
        Conditions = [],
        Tape = "C",
    };
}
