using System.Buffers.Binary;
using System.Text;
using static WebsocketProxy.Alpaca.Tests.Decoding.MessagePackWidth;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

/// <summary>Builds MessagePack bytes of an exact width for tests (an encoder always picks the smallest).</summary>
internal static class MessagePackBytes
{
    public static byte[] Str(string value, MessagePackWidth width = Fix)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        byte[] header = width switch
        {
            Fix => [(byte)(0xa0 | utf8.Length)],
            Eight => [0xd9, (byte)utf8.Length],
            Sixteen => [0xda, .. Big16(utf8.Length)],
            _ => [0xdb, .. Big32(utf8.Length)],
        };
        return [.. header, .. utf8];
    }

    public static byte[] Map(MessagePackWidth width, params byte[][] keysAndValues)
    {
        var count = keysAndValues.Length / 2;
        byte[] header = width switch
        {
            Fix => [(byte)(0x80 | count)],
            Sixteen => [0xde, .. Big16(count)],
            _ => [0xdf, .. Big32(count)],
        };
        return [.. header, .. keysAndValues.SelectMany(b => b)];
    }

    public static byte[] Map(params byte[][] keysAndValues) => Map(Fix, keysAndValues);

    public static byte[] Array(MessagePackWidth width, params byte[][] elements)
    {
        byte[] header = width switch
        {
            Fix => [(byte)(0x90 | elements.Length)],
            Sixteen => [0xdc, .. Big16(elements.Length)],
            _ => [0xdd, .. Big32(elements.Length)],
        };
        return [.. header, .. elements.SelectMany(b => b)];
    }

    public static byte[] Float64(double value)
    {
        var bytes = new byte[9];
        bytes[0] = 0xcb;
        BinaryPrimitives.WriteDoubleBigEndian(bytes.AsSpan(1), value);
        return bytes;
    }

    public static byte[] Float32(float value)
    {
        var bytes = new byte[5];
        bytes[0] = 0xca;
        BinaryPrimitives.WriteSingleBigEndian(bytes.AsSpan(1), value);
        return bytes;
    }

    public static byte[] Timestamp32(uint seconds) => [0xd6, 0xff, .. Big32((int)seconds)];

    public static byte[] Timestamp64(long seconds, int nanoseconds)
    {
        var bytes = new byte[10];
        bytes[0] = 0xd7;
        bytes[1] = 0xff;
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(2), ((ulong)nanoseconds << 34) | (ulong)seconds);
        return bytes;
    }

    public static byte[] Timestamp96(long seconds, uint nanoseconds)
    {
        var bytes = new byte[15];
        bytes[0] = 0xc7;
        bytes[1] = 12;
        bytes[2] = 0xff;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(3), nanoseconds);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(7), seconds);
        return bytes;
    }

    public static byte[] Nil => [0xc0];

    public static byte[] True => [0xc3];

    private static byte[] Big16(int value) => [(byte)(value >> 8), (byte)value];

    private static byte[] Big32(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}

/// <summary>The header width a test writes a MessagePack string, map or array with.</summary>
public enum MessagePackWidth
{
    Fix,
    Eight,
    Sixteen,
    ThirtyTwo,
}
