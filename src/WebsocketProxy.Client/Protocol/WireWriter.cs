using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace WebsocketProxy.Client.Protocol;

/// <summary>Writes the fields <see cref="WireReader"/> reads.</summary>
internal static class WireWriter
{
    public static void WriteByte(this IBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }

    public static void WriteUInt16(this IBufferWriter<byte> writer, ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(writer.GetSpan(2), value);
        writer.Advance(2);
    }

    public static void WriteInt32(this IBufferWriter<byte> writer, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(writer.GetSpan(4), value);
        writer.Advance(4);
    }

    public static void WriteInt64(this IBufferWriter<byte> writer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(writer.GetSpan(8), value);
        writer.Advance(8);
    }

    public static void WriteString(this IBufferWriter<byte> writer, string? value)
    {
        value ??= string.Empty;
        var length = Encoding.UTF8.GetByteCount(value);
        writer.WriteInt32(length);
        var span = writer.GetSpan(length);
        Encoding.UTF8.GetBytes(value, span);
        writer.Advance(length);
    }

    public static void WriteStrings(this IBufferWriter<byte> writer, IReadOnlyCollection<string> values)
    {
        writer.WriteInt32(values.Count);
        foreach (var value in values)
        {
            writer.WriteString(value);
        }
    }

    public static void WriteBytes(this IBufferWriter<byte> writer, ReadOnlySpan<byte> value) => writer.Write(value);
}
