using System.Text.Json;
using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Simulator.Protocol;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Benchmarks.Alpaca;

/// <summary>
/// What the generated dispatchers and the router's frame readers do per message, without the listener lookup and
/// delivery: for JSON, <see cref="StreamJson.ScanKeys"/> to the element's <c>T</c> and <c>S</c>, then the channel's
/// <c>ReadJson</c> on the frame from the object on; for MessagePack, the map cut out of the frame, its <c>T</c> read,
/// then the decoder on the map.
/// </summary>
internal static class GeneratedPath
{
    public delegate TModel JsonSpanDecoder<out TModel>(ReadOnlySpan<byte> json, out int consumed, AlpacaDecodeContext context);

    public delegate TModel PackDecoder<out TModel>(ReadOnlySpan<byte> message, out int consumed, AlpacaDecodeContext context);

    /// <summary>The one message of a frame <c>[{…}]</c>.</summary>
    public static TModel Json<TModel>(byte[] frame, JsonSpanDecoder<TModel> decode, AlpacaDecodeContext context)
    {
        var json = frame.AsSpan(1);
        StreamJson.ScanKeys(json, "T"u8, "S"u8, out var hasTypeCode, out var typeCode, out var hasSymbol, out _);
        if (!hasTypeCode || !hasSymbol || typeCode.Length != 1)
        {
            throw new InvalidOperationException("The sample frame has no type code or symbol.");
        }

        return decode(json, out _, context);
    }

    /// <summary>A frame of bars, element by element as the router's frame reader takes it apart.</summary>
    public static decimal JsonBarFrame(byte[] frame, AlpacaDecodeContext context)
    {
        var sum = 0m;
        ReadOnlySpan<byte> span = frame;
        var position = 1;
        while (true)
        {
            var json = span[position..];
            StreamJson.ScanKeys(json, "T"u8, "S"u8, out _, out var typeCode, out _, out _);
            if (!typeCode.SequenceEqual("b"u8))
            {
                throw new InvalidOperationException("Not a bar.");
            }

            sum += StockBarDecoder.ReadJson(json, out var consumed, context).Close;
            position += consumed;
            if (span[position] != ',')
            {
                return sum;
            }

            position++;
        }
    }

    /// <summary>The one message of a MessagePack frame (an array of one map).</summary>
    public static TModel Pack<TModel>(byte[] frame, PackDecoder<TModel> decode, AlpacaDecodeContext context)
    {
        var position = 0;
        StreamMessagePack.TryReadArrayHeader(frame, ref position, out _);
        var start = position;
        StreamMessagePack.Skip(frame, ref position);
        var message = frame.AsSpan(start, position - start);
        ScanToTypeCode(message);
        return decode(message, out _, context);
    }

    /// <summary>A MessagePack frame of bars, map by map.</summary>
    public static decimal PackBarFrame(byte[] frame, AlpacaDecodeContext context)
    {
        var sum = 0m;
        ReadOnlySpan<byte> span = frame;
        var position = 0;
        StreamMessagePack.TryReadArrayHeader(span, ref position, out var count);
        for (var i = 0; i < count; i++)
        {
            var start = position;
            StreamMessagePack.Skip(span, ref position);
            var message = span[start..position];
            ScanToTypeCode(message);
            sum += StockBarDecoder.Read(message, out _, context).Close;
        }

        return sum;
    }

    /// <summary>The simulator's own conversion (recorded sessions): numbers as int or float64, <c>t</c> as timestamp extension -1.</summary>
    public static byte[] ToMessagePack(string json)
    {
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
}
