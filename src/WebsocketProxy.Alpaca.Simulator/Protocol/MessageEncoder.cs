using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WebsocketProxy.Alpaca.Simulator.Protocol;

/// <summary>
/// Writes protocol messages once into reusable buffers, as JSON and (when some client asked for it) as
/// MessagePack, so a message fanned out to many clients is encoded only once.
/// </summary>
internal sealed partial class MessageEncoder : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        SkipValidation = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly ArrayBufferWriter<byte> _json = new(64 * 1024);
    private readonly ArrayBufferWriter<byte> _pack = new(64 * 1024);
    private readonly Utf8JsonWriter _writer;
    private int _jsonStart;
    private int _packStart;

    public MessageEncoder()
    {
        _writer = new Utf8JsonWriter(_json, WriterOptions);
    }

    /// <summary>Whether JSON is written: some client reads JSON (true by default).</summary>
    public bool JsonEnabled { get; set; } = true;

    /// <summary>Whether MessagePack is written: some client reads MessagePack.</summary>
    public bool PackEnabled { get; set; }

    public ReadOnlySpan<byte> Json(EncodedMessage message) => _json.WrittenSpan.Slice(message.JsonStart, message.JsonLength);

    public ReadOnlySpan<byte> Pack(EncodedMessage message) => _pack.WrittenSpan.Slice(message.PackStart, message.PackLength);

    public void Clear()
    {
        _writer.Reset();
        _json.ResetWrittenCount();
        _pack.ResetWrittenCount();
    }

    public void Begin(int fieldCount)
    {
        _writer.Reset();
        _jsonStart = _json.WrittenCount;
        _packStart = _pack.WrittenCount;
        if (JsonEnabled)
        {
            _writer.WriteStartObject();
        }

        if (PackEnabled)
        {
            MessagePackBytes.MapHeader(_pack, fieldCount);
        }
    }

    public EncodedMessage End()
    {
        if (JsonEnabled)
        {
            _writer.WriteEndObject();
            _writer.Flush();
        }

        return new EncodedMessage(_jsonStart, _json.WrittenCount - _jsonStart, _packStart, _pack.WrittenCount - _packStart);
    }

    public void String(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (JsonEnabled)
        {
            _writer.WriteString(key, value);
        }

        if (PackEnabled)
        {
            MessagePackBytes.String(_pack, key);
            MessagePackBytes.String(_pack, value);
        }
    }

    public void String(ReadOnlySpan<byte> key, string value)
    {
        if (JsonEnabled)
        {
            _writer.WriteString(key, value);
        }

        if (PackEnabled)
        {
            MessagePackBytes.String(_pack, key);
            MessagePackBytes.String(_pack, value);
        }
    }

    public void Number(ReadOnlySpan<byte> key, double value)
    {
        if (JsonEnabled)
        {
            _writer.WriteNumber(key, value);
        }

        if (PackEnabled)
        {
            MessagePackBytes.String(_pack, key);
            MessagePackBytes.Float64(_pack, value);
        }
    }

    public void Integer(ReadOnlySpan<byte> key, long value)
    {
        if (JsonEnabled)
        {
            _writer.WriteNumber(key, value);
        }

        if (PackEnabled)
        {
            MessagePackBytes.String(_pack, key);
            MessagePackBytes.Integer(_pack, value);
        }
    }

    public void Boolean(ReadOnlySpan<byte> key, bool value)
    {
        if (JsonEnabled)
        {
            _writer.WriteBoolean(key, value);
        }

        if (PackEnabled)
        {
            MessagePackBytes.String(_pack, key);
            MessagePackBytes.Boolean(_pack, value);
        }
    }

    /// <summary>A timestamp: an RFC 3339 string in JSON, the timestamp extension in MessagePack.</summary>
    public void Timestamp(ReadOnlySpan<byte> key, long nanos)
    {
        if (JsonEnabled)
        {
            Span<byte> text = stackalloc byte[Timestamps.MaxLength];
            var length = Timestamps.FormatUtf8(nanos, text);
            _writer.WriteString(key, text[..length]);
        }

        if (PackEnabled)
        {
            MessagePackBytes.String(_pack, key);
            MessagePackBytes.Timestamp(_pack, nanos);
        }
    }

    public void StringArray(ReadOnlySpan<byte> key, IReadOnlyList<string> values)
    {
        if (JsonEnabled)
        {
            _writer.WriteStartArray(key);
            foreach (var value in values)
            {
                _writer.WriteStringValue(value);
            }

            _writer.WriteEndArray();
        }

        if (PackEnabled)
        {
            MessagePackBytes.String(_pack, key);
            MessagePackBytes.ArrayHeader(_pack, values.Count);
            foreach (var value in values)
            {
                MessagePackBytes.String(_pack, value);
            }
        }
    }

    /// <summary>A one-element string array without allocating a list (trade conditions are mostly one).</summary>
    public void StringArray(ReadOnlySpan<byte> key, ReadOnlySpan<byte> single)
    {
        if (JsonEnabled)
        {
            _writer.WriteStartArray(key);
            _writer.WriteStringValue(single);
            _writer.WriteEndArray();
        }

        if (PackEnabled)
        {
            MessagePackBytes.String(_pack, key);
            MessagePackBytes.ArrayHeader(_pack, 1);
            MessagePackBytes.String(_pack, single);
        }
    }

    public void BeginArray(ReadOnlySpan<byte> key, int count)
    {
        if (JsonEnabled)
        {
            _writer.WriteStartArray(key);
        }

        if (PackEnabled)
        {
            MessagePackBytes.String(_pack, key);
            MessagePackBytes.ArrayHeader(_pack, count);
        }
    }

    public void EndArray()
    {
        if (JsonEnabled)
        {
            _writer.WriteEndArray();
        }
    }

    /// <summary>A price level <c>{"p":..,"s":..}</c> inside an array.</summary>
    public void PriceLevel(double price, double size)
    {
        if (JsonEnabled)
        {
            _writer.WriteStartObject();
            _writer.WriteNumber("p"u8, price);
            _writer.WriteNumber("s"u8, size);
            _writer.WriteEndObject();
        }

        if (PackEnabled)
        {
            MessagePackBytes.MapHeader(_pack, 2);
            MessagePackBytes.String(_pack, "p"u8);
            MessagePackBytes.Float64(_pack, price);
            MessagePackBytes.String(_pack, "s"u8);
            MessagePackBytes.Float64(_pack, size);
        }
    }

    public void Dispose() => _writer.Dispose();
}
