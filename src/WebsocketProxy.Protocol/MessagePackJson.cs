using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace WebsocketProxy.Protocol;

/// <summary>
/// The JSON to MessagePack mapping the proxy uses for connections that speak MessagePack: objects are maps, arrays
/// are arrays, integers take the smallest integer form, other numbers float64. The other way serves messages for
/// people: a binary reply quoted in an error reads as the JSON it stands for.
/// </summary>
public static partial class MessagePackJson
{
    // Composed messages are small objects of strings and lists; anything this deep is a mistake, not a message.
    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = 32 };

    /// <summary>Converts one JSON value to MessagePack; returns false with the reason when it is not one valid JSON value.</summary>
    /// <param name="json">The JSON, UTF-8.</param>
    /// <param name="output">Where the MessagePack goes.</param>
    /// <param name="error">Why not, without quoting the input (it may hold a secret).</param>
    /// <returns>Whether it converted.</returns>
    public static bool TryFromJson(ReadOnlySpan<byte> json, IBufferWriter<byte> output, out string? error)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), Strict);
        }
        catch (JsonException ex)
        {
            // The position, not the text: a prelude message is usually an authentication.
            error = $"A message sent as MessagePack must be one JSON value, written as JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1} is not valid).";
            return false;
        }

        using (document)
        {
            Write(document.RootElement, output);
        }

        error = null;
        return true;
    }

    private static void Write(JsonElement element, IBufferWriter<byte> output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                Header(output, element.EnumerateObject().Count(), 0x80, 0xde, 0xdf);
                foreach (var property in element.EnumerateObject())
                {
                    String(output, property.Name);
                    Write(property.Value, output);
                }

                break;
            case JsonValueKind.Array:
                Header(output, element.GetArrayLength(), 0x90, 0xdc, 0xdd);
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, output);
                }

                break;
            case JsonValueKind.String:
                String(output, element.GetString()!);
                break;
            case JsonValueKind.Number when element.TryGetInt64(out var integer):
                Integer(output, integer);
                break;
            case JsonValueKind.Number when element.TryGetUInt64(out var unsigned):
                Fixed(output, 0xcf, 8).WriteUInt64(unsigned);
                break;
            case JsonValueKind.Number:
                Fixed(output, 0xcb, 8).WriteDouble(element.GetDouble());
                break;
            case JsonValueKind.True:
                Byte(output, 0xc3);
                break;
            case JsonValueKind.False:
                Byte(output, 0xc2);
                break;
            default:
                Byte(output, 0xc0);
                break;
        }
    }

    /// <summary>The smallest form, as MessagePack encoders write integers.</summary>
    private static void Integer(IBufferWriter<byte> output, long value)
    {
        switch (value)
        {
            case >= 0 and <= 0x7f:
                Byte(output, (byte)value);
                break;
            case >= -32 and < 0:
                Byte(output, unchecked((byte)(sbyte)value));
                break;
            case > 0 and <= byte.MaxValue:
                Fixed(output, 0xcc, 1).WriteUInt64((ulong)value);
                break;
            case > 0 and <= ushort.MaxValue:
                Fixed(output, 0xcd, 2).WriteUInt64((ulong)value);
                break;
            case > 0 and <= uint.MaxValue:
                Fixed(output, 0xce, 4).WriteUInt64((ulong)value);
                break;
            case > 0:
                Fixed(output, 0xcf, 8).WriteUInt64((ulong)value);
                break;
            case >= sbyte.MinValue:
                Fixed(output, 0xd0, 1).WriteUInt64(unchecked((ulong)value));
                break;
            case >= short.MinValue:
                Fixed(output, 0xd1, 2).WriteUInt64(unchecked((ulong)value));
                break;
            case >= int.MinValue:
                Fixed(output, 0xd2, 4).WriteUInt64(unchecked((ulong)value));
                break;
            default:
                Fixed(output, 0xd3, 8).WriteUInt64(unchecked((ulong)value));
                break;
        }
    }

    private static void String(IBufferWriter<byte> output, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        if (length < 32)
        {
            Byte(output, (byte)(0xa0 | length));
        }
        else
        {
            var (code, size) = length switch
            {
                <= byte.MaxValue => ((byte)0xd9, 1),
                <= ushort.MaxValue => ((byte)0xda, 2),
                _ => ((byte)0xdb, 4),
            };
            Fixed(output, code, size).WriteUInt64((ulong)length);
        }

        output.Advance(Encoding.UTF8.GetBytes(value, output.GetSpan(length)));
    }

    private static void Header(IBufferWriter<byte> output, int count, byte fix, byte sixteen, byte thirtyTwo)
    {
        if (count < 16)
        {
            Byte(output, (byte)(fix | count));
        }
        else if (count <= ushort.MaxValue)
        {
            Fixed(output, sixteen, 2).WriteUInt64((ulong)count);
        }
        else
        {
            Fixed(output, thirtyTwo, 4).WriteUInt64((ulong)count);
        }
    }

    private static void Byte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static BigEndianField Fixed(IBufferWriter<byte> output, byte code, int size)
    {
        Byte(output, code);
        return new BigEndianField(output, size);
    }

    /// <summary>A big-endian field of 1, 2, 4 or 8 bytes after a type code.</summary>
    private readonly ref struct BigEndianField(IBufferWriter<byte> output, int size)
    {
        public void WriteUInt64(ulong value)
        {
            var span = output.GetSpan(8);
            switch (size)
            {
                case 1:
                    span[0] = (byte)value;
                    break;
                case 2:
                    BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)value);
                    break;
                case 4:
                    BinaryPrimitives.WriteUInt32BigEndian(span, (uint)value);
                    break;
                default:
                    BinaryPrimitives.WriteUInt64BigEndian(span, value);
                    break;
            }

            output.Advance(size);
        }

        public void WriteDouble(double value) => WriteUInt64(BitConverter.DoubleToUInt64Bits(value));
    }
}
