using System.Buffers;
using System.Net.WebSockets;
using MessagePack;
using WebsocketProxy.Client;

namespace WebsocketProxy.Protocol.Tests;

public sealed class MessagePackJsonTests
{
    [Theory]
    [InlineData("""{"action":"auth","key":"k","secret":"s"}""")]
    [InlineData("""{"action":"subscribe","trades":["AAPL","BRK.B"],"quotes":[],"n":null,"ok":true,"no":false}""")]
    [InlineData("""[0,127,128,255,256,65535,65536,4294967295,4294967296,-1,-32,-33,-128,-129,-32768,-32769,-2147483648,-2147483649,1.5,-0.25,18446744073709551615]""")]
    [InlineData("""{"long":"0123456789012345678901234567890123456789","ü":"€"}""")]
    public void TryFromJson_AnyJson_IsWhatMessagePackCSharpReadsAsTheSameValue(string json)
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.True(MessagePackJson.TryFromJson(System.Text.Encoding.UTF8.GetBytes(json), output, out var error), error);

        // MessagePack-CSharp converts MessagePack to JSON its own way; both read back as the same JSON document.
        var independent = MessagePackSerializer.ConvertToJson(output.WrittenMemory);
        Assert.Equal(Normalize(json), Normalize(independent));
    }

    [Fact]
    public void TryFromJson_Integers_TakeTheSmallestForm()
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.True(MessagePackJson.TryFromJson("[5,-3,200,402,70000,-100,-1000]"u8, output, out _));

        Assert.Equal(
            [0x97, 0x05, 0xfd, 0xcc, 0xc8, 0xcd, 0x01, 0x92, 0xce, 0x00, 0x01, 0x11, 0x70, 0xd0, 0x9c, 0xd1, 0xfc, 0x18],
            output.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData("secret-token")]
    [InlineData("""{"a":1} {"b":2}""")]
    [InlineData("""{"a":""")]
    [InlineData("")]
    public void TryFromJson_NotOneJsonValue_FalseWithAPositionAndNotTheText(string text)
    {
        Assert.False(MessagePackJson.TryFromJson(System.Text.Encoding.UTF8.GetBytes(text), new ArrayBufferWriter<byte>(), out var error));

        Assert.Contains("must be one JSON value", error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryToJson_AlpacaErrorReply_ReadsAsTheJsonReply()
    {
        var packed = MessagePackSerializer.Serialize(new object[] { new Dictionary<string, object> { ["T"] = "error", ["code"] = 402, ["msg"] = "auth failed" } });

        Assert.True(MessagePackJson.TryToJson(packed, out var json));

        Assert.Equal("""[{"T":"error","code":402,"msg":"auth failed"}]""", json);
    }

    [Fact]
    public void TryToJson_TimestampBinaryAndNonStringKey_WrittenReadably()
    {
        // fixmap{1: bin[0xAB], "t": ext8(-1, 4 bytes)}
        byte[] packed = [0x82, 0x01, 0xc4, 0x01, 0xab, 0xa1, (byte)'t', 0xd6, 0xff, 0x00, 0x00, 0x00, 0x01];

        Assert.True(MessagePackJson.TryToJson(packed, out var json));

        Assert.Equal("""{"1":"AB","t":"ext(-1):00000001"}""", json);
    }

    [Theory]
    [InlineData(new byte[] { 0xc1 })]
    [InlineData(new byte[] { 0x92, 0x01 })]
    [InlineData(new byte[] { 0xdb, 0xff, 0xff, 0xff, 0xff, 0x00 })]
    public void TryToJson_Malformed_False(byte[] packed) =>
        Assert.False(MessagePackJson.TryToJson(packed, out _));

    [Fact]
    public void TryToJson_DeeplyNested_FalseInsteadOfRecursingWithoutBound()
    {
        var packed = Enumerable.Repeat((byte)0x91, 10_000).Append((byte)0x01).ToArray();

        Assert.False(MessagePackJson.TryToJson(packed, out _));
    }

    [Fact]
    public void Encode_MessagePackFormat_BinaryFrameOfTheConvertedJson()
    {
        var payload = ComposedMessage.Encode("""{"action":"auth","key":"k","secret":"s"}""", ProxyMessageFormat.MessagePack);

        Assert.Equal(WebSocketMessageType.Binary, ComposedMessage.FrameType(ProxyMessageFormat.MessagePack));
        var map = MessagePackSerializer.Deserialize<Dictionary<string, string>>(payload);
        Assert.Equal(new Dictionary<string, string> { ["action"] = "auth", ["key"] = "k", ["secret"] = "s" }, map);
    }

    [Fact]
    public void Encode_TextFormat_TheUtf8TextInATextFrame()
    {
        Assert.Equal("x ü"u8.ToArray(), ComposedMessage.Encode("x ü", ProxyMessageFormat.Text));
        Assert.Equal(WebSocketMessageType.Text, ComposedMessage.FrameType(ProxyMessageFormat.Text));
    }

    private static string Normalize(string json) =>
        System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(json).RootElement);
}
