using System.Text;

namespace WebsocketProxy.Streaming.Tests;

/// <summary>The MessagePack helpers generated dispatchers use: every format skipped whole, cut data refused, and control messages' type codes.</summary>
public sealed class StreamMessagePackTests
{
    public static TheoryData<string, byte[]> Values => new()
    {
        { "positive fixint", [0x05] },
        { "negative fixint", [0xe1] },
        { "nil, false, true", [0x93, 0xc0, 0xc2, 0xc3] },
        { "uint8..uint64", [0x94, 0xcc, 1, 0xcd, 0, 1, 0xce, 0, 0, 0, 1, 0xcf, 0, 0, 0, 0, 0, 0, 0, 1] },
        { "int8..int64", [0x94, 0xd0, 1, 0xd1, 0, 1, 0xd2, 0, 0, 0, 1, 0xd3, 0, 0, 0, 0, 0, 0, 0, 1] },
        { "float32, float64", [0x92, 0xca, 0, 0, 0, 0, 0xcb, 0, 0, 0, 0, 0, 0, 0, 0] },
        { "fixstr, str8, str16, str32", [0x94, 0xa1, (byte)'a', 0xd9, 1, (byte)'a', 0xda, 0, 1, (byte)'a', 0xdb, 0, 0, 0, 1, (byte)'a'] },
        { "bin8, bin16, bin32", [0x93, 0xc4, 1, 9, 0xc5, 0, 1, 9, 0xc6, 0, 0, 0, 1, 9] },
        { "fixext 1..16", [0x95, 0xd4, 1, 0, 0xd5, 1, 0, 0, 0xd6, 0xff, 0, 0, 0, 0, 0xd7, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0xd8, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
        { "ext8, ext16, ext32", [0x93, 0xc7, 1, 0xff, 0, 0xc8, 0, 1, 0xff, 0, 0xc9, 0, 0, 0, 1, 0xff, 0] },
        { "fixmap, map16, map32 nested", [0x81, 0xa1, (byte)'k', 0xde, 0, 1, 0xa1, (byte)'k', 0xdf, 0, 0, 0, 1, 0xc0, 0xdc, 0, 1, 0xdd, 0, 0, 0, 1, 0x90] },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Skip_EveryFormat_StopsAfterTheValue(string form, byte[] value)
    {
        byte[] buffer = [.. value, 0x2a];
        var position = 0;

        StreamMessagePack.Skip(buffer, ref position);

        Assert.True(value.Length == position, form);

        // Every prefix is cut short: refused, never read past.
        for (var length = 0; length < value.Length; length++)
        {
            var prefix = value[..length];
            var start = 0;
            Assert.Throws<InvalidDataException>(() => StreamMessagePack.Skip(prefix, ref start));
        }
    }

    [Fact]
    public void Skip_HugeCountsInASmallBuffer_RefusedQuickly()
    {
        byte[] buffer = [0xdd, 0xff, 0xff, 0xff, 0xff, 0xc0];
        var position = 0;

        Assert.Throws<InvalidDataException>(() => StreamMessagePack.Skip(buffer, ref position));
    }

    [Fact]
    public void Skip_UnusedFormatByte_Refused()
    {
        var position = 0;

        var error = Assert.Throws<InvalidDataException>(() => StreamMessagePack.Skip([0xc1], ref position));

        Assert.Contains("0xc1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadHeadersAndStrings_OtherTypes_ReadNothing()
    {
        byte[] buffer = [0x05];
        var position = 0;

        Assert.False(StreamMessagePack.TryReadMapHeader(buffer, ref position, out _));
        Assert.False(StreamMessagePack.TryReadArrayHeader(buffer, ref position, out _));
        Assert.False(StreamMessagePack.TryReadString(buffer, ref position, out _));
        Assert.Equal(0, position);
    }

    [Fact]
    public void TryReadArrayHeader_CountBeyondTheBuffer_Refused()
    {
        byte[] buffer = [0xdd, 0, 0, 1, 0, 0xc0];
        var position = 0;

        Assert.Throws<InvalidDataException>(() => StreamMessagePack.TryReadArrayHeader(buffer, ref position, out _));
    }

    [Fact]
    public void TryReadString_Str16_ReadsTheBytes()
    {
        var text = new string('x', 300);
        byte[] buffer = [0xda, 1, 44, .. Encoding.UTF8.GetBytes(text)];
        var position = 0;

        Assert.True(StreamMessagePack.TryReadString(buffer, ref position, out var utf8));

        Assert.Equal(text, Encoding.UTF8.GetString(utf8));
        Assert.Equal(buffer.Length, position);
    }

    [Fact]
    public void StreamProtocol_JsonBinaryFramesWithABinaryDispatcher_Refused()
    {
        Assert.Throws<ArgumentException>(() => new StreamProtocol("p", "T", null, [], (_, _) => 0, (_, _) => { }, StreamWireFormat.Json));
    }
}
