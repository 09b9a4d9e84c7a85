using System.Buffers;
using System.Globalization;

namespace WebsocketProxy.Alpaca.Gateway.Codec;

/// <summary>
/// Turns the MessagePack Alpaca sends on a MessagePack connection into the JSON it sends on a JSON connection for
/// the same message, so the gateway can hold one MessagePack upstream and still serve JSON clients. One pass, no
/// allocation: the output goes straight into the caller's buffer writer, advanced once when the value is complete.
/// </summary>
/// <remarks>
/// The mapping: maps are objects (string keys; integer keys become their decimal text, as Go writes integer map
/// keys), arrays are arrays, integers keep every digit, float64 and float32 take the shortest round-trip text laid
/// out as Go's <c>encoding/json</c> does (see <see cref="JsonSpanWriter.WriteDouble"/>), the timestamp extension
/// (type -1, all three sizes) is an RFC 3339 string in UTC with up to nine fraction digits as Go's
/// <c>RFC3339Nano</c> prints it, binary is base64, nil is null. Other extension types are not part of Alpaca's
/// protocol and fail the value.
/// </remarks>
internal static class AlpacaMessagePackToJson
{
    /// <summary>Above this input length the value's own length is found first, so the room asked for fits the value, not the input.</summary>
    private const int MeasureAbove = 1024;

    /// <summary>
    /// Converts one complete MessagePack value (a message map, a frame's array of messages, or any value in them)
    /// at the start of <paramref name="messagePack"/> to JSON.
    /// </summary>
    /// <param name="messagePack">Starts with the value; bytes after it are left alone.</param>
    /// <param name="json">Receives the JSON text (UTF-8); advanced only when the whole value converted.</param>
    /// <returns>The length of the value: the bytes of <paramref name="messagePack"/> consumed.</returns>
    /// <exception cref="FormatException">
    /// The value is malformed or truncated, nests more than <see cref="PackReader.MaxDepth"/> deep, or holds what JSON
    /// or Alpaca's protocol has no form for (a map key that is not a string or integer, an extension other than the
    /// timestamp, a timestamp outside years 0-9999). Nothing was written to <paramref name="json"/>.
    /// </exception>
    public static int Transcode(ReadOnlySpan<byte> messagePack, IBufferWriter<byte> json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (messagePack.Length > MeasureAbove)
        {
            messagePack = messagePack[..SkipValue(messagePack)];
        }

        var writer = new JsonSpanWriter(json.GetSpan(MaxJsonLength(messagePack.Length)));
        var reader = new PackReader(messagePack);
        WriteValue(ref reader, ref writer, 0);
        json.Advance(writer.Written);
        return reader.Position;
    }

    /// <summary>The length of the one MessagePack value at the start of <paramref name="messagePack"/>.</summary>
    /// <exception cref="FormatException">The value is malformed or truncated.</exception>
    public static int SkipValue(ReadOnlySpan<byte> messagePack)
    {
        var reader = new PackReader(messagePack);
        reader.Skip();
        return reader.Position;
    }

    /// <summary>
    /// The most JSON <paramref name="messagePackLength"/> bytes of MessagePack can become. The widest cases are a
    /// byte of <c>false</c> or nil in an array (<c>false,</c>: 6 bytes), a control character in a string
    /// (<c>\u001f</c>: 6) and a fixint map key (<c>"127":</c>: 6); every other form writes less per input byte.
    /// </summary>
    public static int MaxJsonLength(int messagePackLength) => checked((messagePackLength * 6) + 16);

    private static void WriteValue(ref PackReader reader, ref JsonSpanWriter writer, int depth)
    {
        var start = reader.Position;
        var code = reader.ReadCode();
        switch (code)
        {
            case <= 0x7f:
                writer.WriteInt64(code);
                break;
            case >= 0xe0:
                writer.WriteInt64((sbyte)code);
                break;
            case <= 0x8f:
                WriteMap(ref reader, ref writer, reader.CheckCount(code & 0x0f, 2), depth, start);
                break;
            case <= 0x9f:
                WriteArray(ref reader, ref writer, reader.CheckCount(code & 0x0f, 1), depth, start);
                break;
            case <= 0xbf:
                writer.WriteString(reader.ReadBytes(code & 0x1f));
                break;
            case 0xc0:
                writer.WriteRaw("null"u8);
                break;
            case 0xc1:
                PackReader.ThrowNeverUsed(start);
                break;
            case 0xc2:
                writer.WriteRaw("false"u8);
                break;
            case 0xc3:
                writer.WriteRaw("true"u8);
                break;
            case 0xc4 or 0xc5 or 0xc6:
                writer.WriteBase64(reader.ReadBytes(reader.ReadLength(1 << (code - 0xc4))));
                break;
            case 0xc7 or 0xc8 or 0xc9:
                var length = reader.ReadLength(1 << (code - 0xc7));
                WriteExtension(ref reader, ref writer, length, start);
                break;
            case 0xca:
                writer.WriteSingle(BitConverter.Int32BitsToSingle((int)reader.ReadUnsigned(4)));
                break;
            case 0xcb:
                writer.WriteDouble(BitConverter.UInt64BitsToDouble(reader.ReadUnsigned(8)));
                break;
            case >= 0xcc and <= 0xcf:
                writer.WriteUInt64(reader.ReadUnsigned(1 << (code - 0xcc)));
                break;
            case >= 0xd0 and <= 0xd3:
                writer.WriteInt64(reader.ReadSigned(1 << (code - 0xd0)));
                break;
            case >= 0xd4 and <= 0xd8:
                WriteExtension(ref reader, ref writer, 1 << (code - 0xd4), start);
                break;
            case >= 0xd9 and <= 0xdb:
                writer.WriteString(reader.ReadBytes(reader.ReadLength(1 << (code - 0xd9))));
                break;
            case 0xdc or 0xdd:
                WriteArray(ref reader, ref writer, reader.ReadCount(code == 0xdc ? 2 : 4, 1), depth, start);
                break;
            default:
                WriteMap(ref reader, ref writer, reader.ReadCount(code == 0xde ? 2 : 4, 2), depth, start);
                break;
        }
    }

    private static void WriteMap(ref PackReader reader, ref JsonSpanWriter writer, int count, int depth, int start)
    {
        if (depth >= PackReader.MaxDepth)
        {
            PackReader.ThrowTooDeep(start);
        }

        writer.WriteByte((byte)'{');
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                writer.WriteByte((byte)',');
            }

            WriteKey(ref reader, ref writer);
            writer.WriteByte((byte)':');
            WriteValue(ref reader, ref writer, depth + 1);
        }

        writer.WriteByte((byte)'}');
    }

    private static void WriteArray(ref PackReader reader, ref JsonSpanWriter writer, int count, int depth, int start)
    {
        if (depth >= PackReader.MaxDepth)
        {
            PackReader.ThrowTooDeep(start);
        }

        writer.WriteByte((byte)'[');
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                writer.WriteByte((byte)',');
            }

            WriteValue(ref reader, ref writer, depth + 1);
        }

        writer.WriteByte((byte)']');
    }

    /// <summary>A JSON key: a string as it is, an integer as its text (as Go writes a map with integer keys).</summary>
    private static void WriteKey(ref PackReader reader, ref JsonSpanWriter writer)
    {
        if (reader.TryReadString(out var utf8))
        {
            writer.WriteString(utf8);
            return;
        }

        var start = reader.Position;
        var code = reader.ReadCode();
        writer.WriteByte((byte)'"');
        switch (code)
        {
            case <= 0x7f:
                writer.WriteInt64(code);
                break;
            case >= 0xe0:
                writer.WriteInt64((sbyte)code);
                break;
            case >= 0xcc and <= 0xcf:
                writer.WriteUInt64(reader.ReadUnsigned(1 << (code - 0xcc)));
                break;
            case >= 0xd0 and <= 0xd3:
                writer.WriteInt64(reader.ReadSigned(1 << (code - 0xd0)));
                break;
            default:
                PackReader.ThrowUnexpected<int>(code, start, "a map key that is a string or an integer");
                break;
        }

        writer.WriteByte((byte)'"');
    }

    /// <summary>The timestamp extension (type -1: 4, 8 or 12 bytes); any other extension is not Alpaca's.</summary>
    private static void WriteExtension(ref PackReader reader, ref JsonSpanWriter writer, int length, int start)
    {
        var type = (sbyte)reader.ReadCode();
        var data = reader.ReadBytes(length);
        if (type != -1)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"The MessagePack extension of type {type} at byte {start} is not part of Alpaca's protocol (only the timestamp, type -1, is)."));
        }

        var payload = new PackReader(data);
        switch (length)
        {
            case 4:
                // timestamp 32: seconds only, unsigned.
                writer.WriteTimestamp((long)payload.ReadUnsigned(4), 0, start);
                break;
            case 8:
                // timestamp 64: 30 bits of nanoseconds over 34 bits of unsigned seconds.
                var packed = payload.ReadUnsigned(8);
                writer.WriteTimestamp((long)(packed & 0x3_ffff_ffffUL), (uint)(packed >> 34), start);
                break;
            case 12:
                // timestamp 96: 32 bits of nanoseconds, then signed 64-bit seconds.
                var nanoseconds = (uint)payload.ReadUnsigned(4);
                writer.WriteTimestamp(payload.ReadSigned(8), nanoseconds, start);
                break;
            default:
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"The MessagePack timestamp at byte {start} has {length} bytes; a timestamp has 4, 8 or 12."));
        }
    }
}
