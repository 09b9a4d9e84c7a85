using MessagePack;
using WebsocketProxy.Alpaca.Protocol;

namespace WebsocketProxy.Alpaca.Tests.Protocol;

/// <summary>The proxy's markers for Alpaca's replies occur in those replies as any encoder packs them.</summary>
public sealed class AlpacaMarkersTests
{
    [Theory]
    [InlineData(402)]
    [InlineData(406)]
    [InlineData(409)]
    public void Codes_MessagePack_MatchTheCodePackedInAnyWidth(int code)
    {
        var markers = AlpacaMarkers.Codes(AlpacaWireFormat.MessagePack, code);
        // MessagePack-CSharp packs a boxed int as int32, a ushort as uint16 (the smallest form, as Go's encoder).
        object[] values = [code, (ushort)code, (long)code, (short)code, (uint)code];

        foreach (var value in values)
        {
            var reply = MessagePackSerializer.Serialize(new object[] { new Dictionary<string, object> { ["T"] = "error", ["code"] = value, ["msg"] = "m" } });
            Assert.Contains(markers, m => reply.AsSpan().IndexOf(m.Bytes.Span) >= 0);
            Assert.True(reply.AsSpan().IndexOf(AlpacaMarkers.Error(AlpacaWireFormat.MessagePack).Bytes.Span) >= 0);
        }

        var other = MessagePackSerializer.Serialize(new Dictionary<string, object> { ["code"] = code + 1 });
        Assert.DoesNotContain(markers, m => other.AsSpan().IndexOf(m.Bytes.Span) >= 0);
    }

    [Fact]
    public void Authenticated_MessagePack_MatchesThePackedReplyAndNotConnected()
    {
        var marker = AlpacaMarkers.Authenticated(AlpacaWireFormat.MessagePack).Bytes.Span;

        Assert.True(MessagePackSerializer.ConvertFromJson("""[{"T":"success","msg":"authenticated"}]""").AsSpan().IndexOf(marker) >= 0);
        Assert.False(MessagePackSerializer.ConvertFromJson("""[{"T":"success","msg":"connected"}]""").AsSpan().IndexOf(marker) >= 0);
    }

    [Fact]
    public void Markers_Json_AreTheTextOfTheReplies()
    {
        Assert.Equal("\"msg\":\"authenticated\"", AlpacaMarkers.Authenticated(AlpacaWireFormat.Json).ToString());
        Assert.Equal(["\"code\":402", "\"code\":406"], AlpacaMarkers.Codes(AlpacaWireFormat.Json, 402, 406).Select(m => m.ToString()));
    }
}
