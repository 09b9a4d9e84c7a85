using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WebsocketProxy.Protocol;

public static partial class MessagePackJson
{
    private const int MaxDepth = 32;

    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>
    /// Writes MessagePack values as JSON for a message: maps with string keys as objects, binary as hexadecimal
    /// strings, extension values (timestamps) as <c>"ext(type):hex"</c>. Reads the values one after another and
    /// stops at the first malformed byte; returns false if there was none valid.
    /// </summary>
    /// <param name="messagePack">One or more MessagePack values.</param>
    /// <param name="json">The JSON of the values read (several are separated by a space).</param>
    /// <returns>Whether at least one whole value was read and nothing malformed followed.</returns>
    public static bool TryToJson(ReadOnlySpan<byte> messagePack, out string json)
    {
        var output = new ArrayBufferWriter<byte>(messagePack.Length * 2);
        var position = 0;
        var complete = true;
        var values = 0;
        while (position < messagePack.Length)
        {
            using var writer = new Utf8JsonWriter(output, Relaxed);
            var start = position;
            if (values > 0)
            {
                output.Write(" "u8);
            }

            if (!TryWrite(messagePack, ref position, writer, 0))
            {
                writer.Flush();
                complete = false;
                position = start;
                break;
            }

            writer.Flush();
            values++;
        }

        json = Encoding.UTF8.GetString(output.WrittenSpan);
        return values > 0 && complete;
    }

    private static bool TryWrite(ReadOnlySpan<byte> data, ref int position, Utf8JsonWriter writer, int depth)
    {
        if (position >= data.Length || depth > MaxDepth)
        {
            return false;
        }

        var code = data[position++];
        switch (code)
        {
            case <= 0x7f:
                writer.WriteNumberValue(code);
                return true;
            case >= 0xe0:
                writer.WriteNumberValue((sbyte)code);
                return true;
            case >= 0x80 and <= 0x8f:
                return TryWriteMap(data, ref position, writer, code & 0x0f, depth);
            case >= 0x90 and <= 0x9f:
                return TryWriteArray(data, ref position, writer, code & 0x0f, depth);
            case >= 0xa0 and <= 0xbf:
                return TryWriteString(data, ref position, writer, code & 0x1f);
            case 0xc0:
                writer.WriteNullValue();
                return true;
            case 0xc2 or 0xc3:
                writer.WriteBooleanValue(code == 0xc3);
                return true;
            case 0xc4 or 0xc5 or 0xc6:
                return TryLength(data, ref position, 1 << (code - 0xc4), out var binary) && TryWriteHex(data, ref position, writer, binary, null);
            case 0xc7 or 0xc8 or 0xc9:
                return TryLength(data, ref position, 1 << (code - 0xc7), out var extension) && TryWriteExtension(data, ref position, writer, extension);
            case 0xca:
                return TryFixed(data, ref position, 4, out var single) && Write(writer, BitConverter.Int32BitsToSingle((int)single));
            case 0xcb:
                return TryFixed(data, ref position, 8, out var @double) && Write(writer, BitConverter.UInt64BitsToDouble(@double));
            case >= 0xcc and <= 0xcf:
                if (!TryFixed(data, ref position, 1 << (code - 0xcc), out var unsigned))
                {
                    return false;
                }

                writer.WriteNumberValue(unsigned);
                return true;
            case >= 0xd0 and <= 0xd3:
                var size = 1 << (code - 0xd0);
                if (!TryFixed(data, ref position, size, out var bits))
                {
                    return false;
                }

                // Sign-extend from the field's width.
                writer.WriteNumberValue((long)(bits << (64 - (size * 8))) >> (64 - (size * 8)));
                return true;
            case >= 0xd4 and <= 0xd8:
                return TryWriteExtension(data, ref position, writer, 1 << (code - 0xd4));
            case 0xd9 or 0xda or 0xdb:
                return TryLength(data, ref position, 1 << (code - 0xd9), out var text) && TryWriteString(data, ref position, writer, text);
            case 0xdc or 0xdd:
                return TryLength(data, ref position, code == 0xdc ? 2 : 4, out var items) && TryWriteArray(data, ref position, writer, items, depth);
            case 0xde or 0xdf:
                return TryLength(data, ref position, code == 0xde ? 2 : 4, out var entries) && TryWriteMap(data, ref position, writer, entries, depth);
            default:
                // 0xc1 is never used.
                return false;
        }
    }

    private static bool Write(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
        }

        return true;
    }

    private static bool TryWriteMap(ReadOnlySpan<byte> data, ref int position, Utf8JsonWriter writer, int entries, int depth)
    {
        writer.WriteStartObject();
        for (var i = 0; i < entries; i++)
        {
            // JSON keys are strings: a string key is written as it is, any other key as its JSON.
            if (position < data.Length && (data[position] is >= 0xa0 and <= 0xbf or 0xd9 or 0xda or 0xdb))
            {
                var code = data[position++];
                var length = code <= 0xbf ? code & 0x1f : 0;
                if ((code > 0xbf && !TryLength(data, ref position, 1 << (code - 0xd9), out length)) || length > data.Length - position)
                {
                    return false;
                }

                writer.WritePropertyName(Encoding.UTF8.GetString(data.Slice(position, length)));
                position += length;
            }
            else
            {
                var keyStart = position;
                var key = new ArrayBufferWriter<byte>();
                using (var keyWriter = new Utf8JsonWriter(key, Relaxed))
                {
                    if (!TryWrite(data, ref position, keyWriter, depth + 1))
                    {
                        return false;
                    }
                }

                writer.WritePropertyName(keyStart < position ? Encoding.UTF8.GetString(key.WrittenSpan) : string.Empty);
            }

            if (!TryWrite(data, ref position, writer, depth + 1))
            {
                return false;
            }
        }

        writer.WriteEndObject();
        return true;
    }

    private static bool TryWriteArray(ReadOnlySpan<byte> data, ref int position, Utf8JsonWriter writer, int items, int depth)
    {
        writer.WriteStartArray();
        for (var i = 0; i < items; i++)
        {
            if (!TryWrite(data, ref position, writer, depth + 1))
            {
                return false;
            }
        }

        writer.WriteEndArray();
        return true;
    }

    private static bool TryWriteString(ReadOnlySpan<byte> data, ref int position, Utf8JsonWriter writer, int length)
    {
        if (length > data.Length - position)
        {
            return false;
        }

        writer.WriteStringValue(Encoding.UTF8.GetString(data.Slice(position, length)));
        position += length;
        return true;
    }

    private static bool TryWriteExtension(ReadOnlySpan<byte> data, ref int position, Utf8JsonWriter writer, int length)
    {
        if (position >= data.Length)
        {
            return false;
        }

        var type = (sbyte)data[position++];
        return TryWriteHex(data, ref position, writer, length, type);
    }

    private static bool TryWriteHex(ReadOnlySpan<byte> data, ref int position, Utf8JsonWriter writer, int length, sbyte? extension)
    {
        if (length > data.Length - position)
        {
            return false;
        }

        var hex = Convert.ToHexString(data.Slice(position, length));
        writer.WriteStringValue(extension is { } type ? $"ext({type.ToString(CultureInfo.InvariantCulture)}):{hex}" : hex);
        position += length;
        return true;
    }

    private static bool TryLength(ReadOnlySpan<byte> data, ref int position, int size, out int length)
    {
        length = 0;
        if (!TryFixed(data, ref position, size, out var value) || value > int.MaxValue)
        {
            return false;
        }

        length = (int)value;
        return true;
    }

    private static bool TryFixed(ReadOnlySpan<byte> data, ref int position, int size, out ulong value)
    {
        value = 0;
        if (size > data.Length - position)
        {
            return false;
        }

        var field = data.Slice(position, size);
        value = size switch
        {
            1 => field[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(field),
            4 => BinaryPrimitives.ReadUInt32BigEndian(field),
            _ => BinaryPrimitives.ReadUInt64BigEndian(field),
        };
        position += size;
        return true;
    }
}
