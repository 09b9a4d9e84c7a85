using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MessagePack;
using WebsocketProxy.Alpaca.Gateway.Codec;
using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Benchmarks.Gateway;

/// <summary>
/// The gateway's MessagePack to JSON conversion of one Alpaca message (as Alpaca sends it in MessagePack: float64
/// prices, integers, timestamp extensions), per message: ours (<see cref="AlpacaMessagePackToJson"/>) against the
/// obvious System.Text.Json-based converter (MessagePack-CSharp's <c>MessagePackReader</c> into a reused
/// <c>Utf8JsonWriter</c>, timestamps formatted with nine digits by hand; the baseline) and the fully generic way
/// (MessagePack-CSharp's <c>ConvertToJson</c>, which writes timestamps in its own form).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TranscodeBenchmarks
{
    private const int BatchSize = 20;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private static readonly byte[] Trade = ToMessagePack(
        """{"T":"t","S":"AAPL","i":52983525029461,"x":"V","p":189.42,"s":100,"c":["@"],"z":"C","t":"2024-05-01T14:31:02.123456789Z"}""");

    private static readonly byte[] Quote = ToMessagePack(
        """{"T":"q","S":"AAPL","bx":"Q","bp":189.41,"bs":2,"ax":"P","ap":189.43,"as":3,"c":["R"],"z":"C","t":"2024-05-01T14:31:02.125000417Z"}""");

    private static readonly byte[] Bar = ToMessagePack(
        """{"T":"b","S":"AAPL","o":189.30,"h":189.55,"l":189.22,"c":189.42,"v":48213,"n":512,"vw":189.4011,"t":"2024-05-01T14:30:00Z"}""");

    private static readonly byte[] News = ToMessagePack(
        """{"T":"n","id":24843171,"headline":"Apple Shares Rise After Record Services Revenue","summary":"Apple's services business set a record in the quarter, the company said on Thursday.","author":"Benzinga Newsdesk","created_at":"2024-05-01T14:30:12Z","updated_at":"2024-05-01T14:30:13Z","url":"https://www.benzinga.com/news/24/05/24843171/apple","content":"<p>Apple Inc. (NASDAQ: AAPL) reported record revenue from services \"on every continent\".</p>","symbols":["AAPL","MSFT"],"source":"benzinga"}""");

    // A frame of twenty trades, as a busy symbol set arrives: transcoded message by message, as the gateway does.
    private static readonly byte[][] TradeBatch = [.. Enumerable.Range(0, BatchSize).Select(i => ToMessagePack(
        $$"""{"T":"t","S":"SYM{{i}}","i":{{52983525029461 + i}},"x":"V","p":189.{{i + 10}},"s":{{100 + i}},"c":["@","I"],"z":"C","t":"2024-05-01T14:31:02.{{123456789 + i}}Z"}"""))];

    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private readonly Utf8JsonWriter _writer;

    public TranscodeBenchmarks()
    {
        _writer = new Utf8JsonWriter(_output, WriterOptions);
    }

    [GlobalSetup]
    public void CheckAllAgree()
    {
        // A benchmark of converters that disagree would measure nothing: ours and the baseline must print equal JSON values.
        foreach (var message in new[] { Trade, Quote, Bar, News }.Concat(TradeBatch))
        {
            _output.ResetWrittenCount();
            AlpacaMessagePackToJson.Transcode(message, _output);
            using var ours = JsonDocument.Parse(_output.WrittenMemory.ToArray());
            _output.ResetWrittenCount();
            StjConvert(message);
            using var baseline = JsonDocument.Parse(_output.WrittenMemory.ToArray());
            if (!JsonElement.DeepEquals(ours.RootElement, baseline.RootElement))
            {
                throw new InvalidOperationException($"The converters disagree on a sample message: {ours.RootElement} vs {baseline.RootElement}.");
            }
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Trade")]
    public int Stj_Trade() => StjConvert(Trade);

    [Benchmark, BenchmarkCategory("Trade")]
    public int Generic_Trade() => MessagePackSerializer.ConvertToJson(Trade).Length;

    [Benchmark, BenchmarkCategory("Trade")]
    public int Ours_Trade() => Ours(Trade);

    [Benchmark(Baseline = true), BenchmarkCategory("Quote")]
    public int Stj_Quote() => StjConvert(Quote);

    [Benchmark, BenchmarkCategory("Quote")]
    public int Generic_Quote() => MessagePackSerializer.ConvertToJson(Quote).Length;

    [Benchmark, BenchmarkCategory("Quote")]
    public int Ours_Quote() => Ours(Quote);

    [Benchmark(Baseline = true), BenchmarkCategory("Bar")]
    public int Stj_Bar() => StjConvert(Bar);

    [Benchmark, BenchmarkCategory("Bar")]
    public int Generic_Bar() => MessagePackSerializer.ConvertToJson(Bar).Length;

    [Benchmark, BenchmarkCategory("Bar")]
    public int Ours_Bar() => Ours(Bar);

    [Benchmark(Baseline = true), BenchmarkCategory("News")]
    public int Stj_News() => StjConvert(News);

    [Benchmark, BenchmarkCategory("News")]
    public int Generic_News() => MessagePackSerializer.ConvertToJson(News).Length;

    [Benchmark, BenchmarkCategory("News")]
    public int Ours_News() => Ours(News);

    [Benchmark(Baseline = true, OperationsPerInvoke = BatchSize), BenchmarkCategory("Trade frame of 20")]
    public int Stj_TradeFrame()
    {
        var total = 0;
        foreach (var message in TradeBatch)
        {
            total += StjConvert(message);
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = BatchSize), BenchmarkCategory("Trade frame of 20")]
    public int Generic_TradeFrame()
    {
        var total = 0;
        foreach (var message in TradeBatch)
        {
            total += MessagePackSerializer.ConvertToJson(message).Length;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = BatchSize), BenchmarkCategory("Trade frame of 20")]
    public int Ours_TradeFrame()
    {
        var total = 0;
        foreach (var message in TradeBatch)
        {
            total += Ours(message);
        }

        return total;
    }

    private static byte[] ToMessagePack(string json)
    {
        // The simulator's own conversion (as Alpaca sends it): numbers as int or float64, timestamps as extension -1.
        using var encoder = new MessageEncoder { JsonEnabled = false, PackEnabled = true };
        using var document = JsonDocument.Parse(json);
        return encoder.Pack(encoder.Recorded(document.RootElement)).ToArray();
    }

    private int Ours(byte[] message)
    {
        _output.ResetWrittenCount();
        AlpacaMessagePackToJson.Transcode(message, _output);
        return _output.WrittenCount;
    }

    /// <summary>The System.Text.Json way: MessagePack-CSharp's reader into a reused Utf8JsonWriter.</summary>
    private int StjConvert(byte[] message)
    {
        _output.ResetWrittenCount();
        _writer.Reset();
        var reader = new MessagePackReader(message);
        WriteValue(ref reader, _writer);
        _writer.Flush();
        return _output.WrittenCount;
    }

    private static void WriteValue(ref MessagePackReader reader, Utf8JsonWriter writer)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Map:
                var entries = reader.ReadMapHeader();
                writer.WriteStartObject();
                for (var i = 0; i < entries; i++)
                {
                    writer.WritePropertyName(reader.ReadStringSequence()!.Value.FirstSpan);
                    WriteValue(ref reader, writer);
                }

                writer.WriteEndObject();
                break;
            case MessagePackType.Array:
                var items = reader.ReadArrayHeader();
                writer.WriteStartArray();
                for (var i = 0; i < items; i++)
                {
                    WriteValue(ref reader, writer);
                }

                writer.WriteEndArray();
                break;
            case MessagePackType.String:
                writer.WriteStringValue(reader.ReadStringSequence()!.Value.FirstSpan);
                break;
            case MessagePackType.Integer:
                writer.WriteNumberValue(reader.ReadInt64());
                break;
            case MessagePackType.Float:
                writer.WriteNumberValue(reader.ReadDouble());
                break;
            case MessagePackType.Boolean:
                writer.WriteBooleanValue(reader.ReadBoolean());
                break;
            case MessagePackType.Nil:
                reader.ReadNil();
                writer.WriteNullValue();
                break;
            case MessagePackType.Extension:
                // The timestamp: seconds with DateTime, the nine fraction digits by hand (DateTime keeps only seven).
                var header = reader.ReadExtensionFormatHeader();
                var data = reader.ReadRaw(header.Length).FirstSpan;
                var (seconds, nanoseconds) = header.Length switch
                {
                    4 => (BinaryPrimitives.ReadUInt32BigEndian(data), 0u),
                    8 => ((long)(BinaryPrimitives.ReadUInt64BigEndian(data) & 0x3_FFFF_FFFF), (uint)(BinaryPrimitives.ReadUInt64BigEndian(data) >> 34)),
                    _ => (BinaryPrimitives.ReadInt64BigEndian(data[4..]), BinaryPrimitives.ReadUInt32BigEndian(data)),
                };
                Span<byte> text = stackalloc byte[40];
                DateTime.UnixEpoch.AddSeconds(seconds).TryFormat(text, out var written, "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
                if (nanoseconds != 0)
                {
                    text[written++] = (byte)'.';
                    nanoseconds.TryFormat(text[written..], out var digits, "D9", CultureInfo.InvariantCulture);
                    written += digits;
                    while (text[written - 1] == (byte)'0')
                    {
                        written--;
                    }
                }

                text[written++] = (byte)'Z';
                writer.WriteStringValue(text[..written]);
                break;
            default:
                reader.Skip();
                writer.WriteNullValue();
                break;
        }
    }
}
