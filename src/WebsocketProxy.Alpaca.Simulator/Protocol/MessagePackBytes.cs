using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace WebsocketProxy.Alpaca.Simulator.Protocol;

/// <summary>
/// The few MessagePack forms the simulator writes, straight into a buffer: writing them by hand keeps the
/// data path free of per-message allocations and lets one encoder class write JSON and MessagePack together.
/// </summary>
internal static class MessagePackBytes
{
    public static void MapHeader(IBufferWriter<byte> output, int count) => ContainerHeader(output, count, 0x80, 0xde, 0xdf);

    public static void ArrayHeader(IBufferWriter<byte> output, int count) => ContainerHeader(output, count, 0x90, 0xdc, 0xdd);

    public static void String(IBufferWriter<byte> output, ReadOnlySpan<byte> utf8)
    {
        var span = output.GetSpan(utf8.Length + 5);
        int header;
        if (utf8.Length < 32)
        {
            span[0] = (byte)(0xa0 | utf8.Length);
            header = 1;
        }
        else if (utf8.Length < 256)
        {
            span[0] = 0xd9;
            span[1] = (byte)utf8.Length;
            header = 2;
        }
        else if (utf8.Length < 65536)
        {
            span[0] = 0xda;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)utf8.Length);
            header = 3;
        }
        else
        {
            span[0] = 0xdb;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)utf8.Length);
            header = 5;
        }

        utf8.CopyTo(span[header..]);
        output.Advance(header + utf8.Length);
    }

    public static void String(IBufferWriter<byte> output, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        if (length <= 256)
        {
            Span<byte> bytes = stackalloc byte[length];
            Encoding.UTF8.GetBytes(value, bytes);
            String(output, bytes);
        }
        else
        {
            String(output, Encoding.UTF8.GetBytes(value));
        }
    }

    public static void Float64(IBufferWriter<byte> output, double value)
    {
        var span = output.GetSpan(9);
        span[0] = 0xcb;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
        output.Advance(9);
    }

    public static void Integer(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(9);
        if (value >= 0 && value < 128)
        {
            span[0] = (byte)value;
            output.Advance(1);
        }
        else if (value >= -32 && value < 0)
        {
            span[0] = unchecked((byte)(sbyte)value);
            output.Advance(1);
        }
        else if (value >= int.MinValue && value <= int.MaxValue)
        {
            span[0] = 0xd2;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
            output.Advance(5);
        }
        else
        {
            span[0] = 0xd3;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
            output.Advance(9);
        }
    }

    public static void Boolean(IBufferWriter<byte> output, bool value)
    {
        output.GetSpan(1)[0] = value ? (byte)0xc3 : (byte)0xc2;
        output.Advance(1);
    }

    public static void Nil(IBufferWriter<byte> output)
    {
        output.GetSpan(1)[0] = 0xc0;
        output.Advance(1);
    }

    public static void Timestamp(IBufferWriter<byte> output, long nanos)
    {
        var written = Timestamps.FormatMessagePack(nanos, output.GetSpan(15));
        output.Advance(written);
    }

    /// <summary>The size of an array header, for assembling frames from encoded messages.</summary>
    public static int ArrayHeader(Span<byte> destination, int count)
    {
        if (count < 16)
        {
            destination[0] = (byte)(0x90 | count);
            return 1;
        }

        if (count < 65536)
        {
            destination[0] = 0xdc;
            BinaryPrimitives.WriteUInt16BigEndian(destination[1..], (ushort)count);
            return 3;
        }

        destination[0] = 0xdd;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)count);
        return 5;
    }

    private static void ContainerHeader(IBufferWriter<byte> output, int count, byte fix, byte sixteen, byte thirtyTwo)
    {
        var span = output.GetSpan(5);
        if (count < 16)
        {
            span[0] = (byte)(fix | count);
            output.Advance(1);
        }
        else if (count < 65536)
        {
            span[0] = sixteen;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)count);
            output.Advance(3);
        }
        else
        {
            span[0] = thirtyTwo;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)count);
            output.Advance(5);
        }
    }
}
