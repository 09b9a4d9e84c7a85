using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace WebsocketProxy.Protocol;

/// <summary>Writes the fields <see cref="WireReader"/> reads.</summary>
internal static class WireWriter
{
    /// <summary>Writes one byte.</summary>
    /// <param name="writer">The record being written.</param>
    /// <param name="value">The byte.</param>
    public static void WriteByte(this IBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }

    /// <summary>Writes a little-endian 32-bit integer.</summary>
    /// <param name="writer">The record being written.</param>
    /// <param name="value">The value.</param>
    public static void WriteInt32(this IBufferWriter<byte> writer, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(writer.GetSpan(4), value);
        writer.Advance(4);
    }

    /// <summary>Writes a little-endian 64-bit integer.</summary>
    /// <param name="writer">The record being written.</param>
    /// <param name="value">The value.</param>
    public static void WriteInt64(this IBufferWriter<byte> writer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(writer.GetSpan(8), value);
        writer.Advance(8);
    }

    /// <summary>Writes a string as its UTF-8 length (<c>i32</c>) and bytes; <see langword="null"/> is written as empty.</summary>
    /// <param name="writer">The record being written.</param>
    /// <param name="value">The string.</param>
    public static void WriteString(this IBufferWriter<byte> writer, string? value)
    {
        value ??= string.Empty;
        var length = Encoding.UTF8.GetByteCount(value);
        writer.WriteInt32(length);
        var span = writer.GetSpan(length);
        Encoding.UTF8.GetBytes(value, span);
        writer.Advance(length);
    }

    /// <summary>Writes a count (<c>i32</c>) and that many strings.</summary>
    /// <param name="writer">The record being written.</param>
    /// <param name="values">The strings.</param>
    public static void WriteStrings(this IBufferWriter<byte> writer, IReadOnlyCollection<string> values)
    {
        writer.WriteInt32(values.Count);
        foreach (var value in values)
        {
            writer.WriteString(value);
        }
    }

    /// <summary>Writes raw bytes (a last field that runs to the end of the record).</summary>
    /// <param name="writer">The record being written.</param>
    /// <param name="value">The bytes.</param>
    public static void WriteBytes(this IBufferWriter<byte> writer, ReadOnlySpan<byte> value) => writer.Write(value);
}
