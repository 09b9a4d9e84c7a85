using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace WebsocketProxy.Alpaca.Gateway.Tests.Codec;

/// <summary>
/// Writes MessagePack by hand in every form the format has (not only the smallest, which a library would choose), so
/// the tests can feed the transcoder what a real encoder might send.
/// </summary>
internal sealed class Pack
{
    private readonly ArrayBufferWriter<byte> _bytes = new();

    public byte[] ToArray() => _bytes.WrittenSpan.ToArray();

    public Pack Raw(params byte[] bytes)
    {
        _bytes.Write(bytes);
        return this;
    }

    public Pack Map(int count) => count < 16 ? Raw((byte)(0x80 | count)) : Raw(0xde).BigEndian((ulong)count, 2);

    public Pack Array(int count) => count < 16 ? Raw((byte)(0x90 | count)) : Raw(0xdc).BigEndian((ulong)count, 2);

    public Pack Str(string value) => Str(Encoding.UTF8.GetBytes(value));

    public Pack Str(byte[] utf8) => utf8.Length switch
    {
        < 32 => Raw((byte)(0xa0 | utf8.Length)).Raw(utf8),
        < 256 => Raw(0xd9, (byte)utf8.Length).Raw(utf8),
        < 65536 => Raw(0xda).BigEndian((ulong)utf8.Length, 2).Raw(utf8),
        _ => Raw(0xdb).BigEndian((ulong)utf8.Length, 4).Raw(utf8),
    };

    /// <summary>A string in the 32-bit length form whatever its length.</summary>
    public Pack Str32(string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        return Raw(0xdb).BigEndian((ulong)utf8.Length, 4).Raw(utf8);
    }

    public Pack Float64(double value) => Raw(0xcb).BigEndian(BitConverter.DoubleToUInt64Bits(value), 8);

    public Pack Float32(float value) => Raw(0xca).BigEndian(BitConverter.SingleToUInt32Bits(value), 4);

    public Pack Nil() => Raw(0xc0);

    public Pack Bool(bool value) => Raw(value ? (byte)0xc3 : (byte)0xc2);

    /// <summary>timestamp 32 (fixext 4, type -1): seconds only.</summary>
    public Pack Timestamp32(uint seconds) => Raw(0xd6, 0xff).BigEndian(seconds, 4);

    /// <summary>timestamp 64 (fixext 8, type -1): 30 bits of nanoseconds over 34 bits of seconds.</summary>
    public Pack Timestamp64(long seconds, uint nanoseconds) => Raw(0xd7, 0xff).BigEndian(((ulong)nanoseconds << 34) | (ulong)seconds, 8);

    /// <summary>timestamp 96 (ext 8 of 12 bytes, type -1): nanoseconds then signed seconds.</summary>
    public Pack Timestamp96(long seconds, uint nanoseconds) => Raw(0xc7, 12, 0xff).BigEndian(nanoseconds, 4).BigEndian((ulong)seconds, 8);

    public Pack BigEndian(ulong value, int size)
    {
        Span<byte> field = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(field, value);
        _bytes.Write(field[(8 - size)..]);
        return this;
    }
}
