using System.Buffers;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using WebsocketProxy.Client;

namespace WebsocketProxy.Protocol.Tests;

public sealed class CommandCodecTests
{
    private static readonly SubscriptionTemplate Template = new() { Group = "g", Subscribe = "s[{topics}]", Unsubscribe = "u[{topics}]", MaxTopicsPerMessage = 3 };

    [Fact]
    public void Decode_EncodedSimpleCommands_RoundTrip()
    {
        Command[] commands =
        [
            new HelloCommand(1, "name", 42),
            new CloseCommand(2, 7),
            new SetLogLevelCommand(3, LogLevel.Debug),
            new StatusCommand(4),
            new GoodbyeCommand(5),
            new HeartbeatCommand(0, 10, 2),
        ];

        foreach (var command in commands)
        {
            Assert.Equal(command, RoundTrip(command));
        }
    }

    [Fact]
    public void Decode_EncodedOpen_KeepsEveryOption()
    {
        var options = new ProxyConnectionOptions
        {
            Url = new Uri("wss://example.com/v2/iex?x=1"),
            Headers = new Dictionary<string, string> { ["K"] = "V" },
            Prelude = ["auth"],
            ReadinessMarker = "ok",
            FatalMarkers = ["denied"],
            FatalCloseCodes = [4001],
            InitialBackoff = TimeSpan.FromMilliseconds(7),
            MaxBackoff = TimeSpan.FromSeconds(3),
            MaxReconnectAttempts = 5,
            StaleDataTimeout = TimeSpan.FromSeconds(9),
            RetryAfterDropMarkers = ["busy", "later"],
            RetryAfterDropWindow = TimeSpan.FromSeconds(200),
            RefusalMarker = "error",
            MaxRefusals = 3,
            StableSessionThreshold = TimeSpan.FromSeconds(12),
            KeepAliveInterval = TimeSpan.FromSeconds(4),
            KeepAliveTimeout = TimeSpan.FromSeconds(6),
        };

        var open = Assert.IsType<OpenCommand>(RoundTrip(new OpenCommand(9, options)));

        Assert.Equal(["busy", "later"], open.Options.RetryAfterDropMarkers);
        Assert.Equal(options with { Headers = open.Options.Headers, Prelude = open.Options.Prelude, FatalMarkers = open.Options.FatalMarkers, FatalCloseCodes = open.Options.FatalCloseCodes, RetryAfterDropMarkers = open.Options.RetryAfterDropMarkers }, open.Options);

        Assert.Equal(options.Url, open.Options.Url);
        Assert.Equal("V", open.Options.Headers["k"]);
        Assert.Equal(["auth"], open.Options.Prelude);
        Assert.Equal("ok", open.Options.ReadinessMarker);
        Assert.Equal(["denied"], open.Options.FatalMarkers);
        Assert.Equal([4001], open.Options.FatalCloseCodes);
        Assert.Equal(options.MaxBackoff, open.Options.MaxBackoff);
        Assert.Equal(5, open.Options.MaxReconnectAttempts);
        Assert.Equal(options.StaleDataTimeout, open.Options.StaleDataTimeout);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RoundTrip_OpenRestoring_KeepsTheFlag(bool restoring)
    {
        var open = Assert.IsType<OpenCommand>(RoundTrip(new OpenCommand(3, new ProxyConnectionOptions { Url = new Uri("ws://example.com/") }, restoring)));

        Assert.Equal(restoring, open.Restoring);
    }

    [Fact]
    public void Decode_OpenWithAFlagThatIsNeitherZeroNorOne_ThrowsProtocolException()
    {
        var buffer = new ArrayBufferWriter<byte>();
        CommandCodec.Encode(new OpenCommand(1, new ProxyConnectionOptions { Url = new Uri("ws://example.com/") }, Restoring: true), buffer);
        var bytes = buffer.WrittenSpan.ToArray();
        bytes[^1] = 7;

        Assert.Contains("flag", Assert.Throws<ProtocolException>(() => CommandCodec.Decode(bytes)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_OpenWithByteMarkersAndMessagePack_KeepsBytesKindsAndFormat()
    {
        byte[] authenticated = [0xa3, (byte)'m', (byte)'s', (byte)'g', 0xad, .. "authenticated"u8];
        var options = new ProxyConnectionOptions
        {
            Url = new Uri("ws://example.com/"),
            Prelude = ["""{"action":"auth"}"""],
            MessageFormat = ProxyMessageFormat.MessagePack,
            ReadinessMarker = FrameMarker.FromBytes(authenticated),
            FatalMarkers = [FrameMarker.FromBytes([0xcd, 0x01, 0x92]), "text"],
            RetryAfterDropMarkers = [FrameMarker.FromBytes([0x00])],
            RefusalMarker = FrameMarker.FromBytes([0xa5, .. "error"u8]),
        };

        var open = Assert.IsType<OpenCommand>(RoundTrip(new OpenCommand(1, options)));

        Assert.Equal(ProxyMessageFormat.MessagePack, open.Options.MessageFormat);
        Assert.Equal(authenticated, open.Options.ReadinessMarker!.Bytes.ToArray());
        Assert.False(open.Options.ReadinessMarker.IsText);
        Assert.Equal([FrameMarker.FromBytes([0xcd, 0x01, 0x92]), FrameMarker.FromText("text")], open.Options.FatalMarkers);
        Assert.True(open.Options.FatalMarkers[1].IsText);
        Assert.Equal(new byte[] { 0x00 }, open.Options.RetryAfterDropMarkers[0].Bytes.ToArray());
        Assert.Equal(options.RefusalMarker, open.Options.RefusalMarker);
    }

    [Fact]
    public void Decode_OpenWithAnEmptyMarkerInAList_ThrowsProtocolExceptionSayingItWouldMatchEverything()
    {
        var buffer = new ArrayBufferWriter<byte>();
        CommandCodec.Encode(new OpenCommand(1, new ProxyConnectionOptions { Url = new Uri("ws://example.com/"), FatalMarkers = ["x"] }), buffer);
        var bytes = buffer.WrittenSpan.ToArray();
        // The fatal list's one marker: its length (1) then 'x' then the text flag; make it empty (length 0, no byte).
        var at = bytes.AsSpan().IndexOf(new byte[] { 1, 0, 0, 0, (byte)'x', 1 });
        byte[] corrupt = [.. bytes[..at], 0, 0, 0, 0, 1, .. bytes[(at + 6)..]];

        var error = Assert.Throws<ProtocolException>(() => CommandCodec.Decode(corrupt));

        Assert.Contains("match every message", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_OpenWithAnUnknownMessageFormat_ThrowsProtocolExceptionNamingIt()
    {
        var buffer = new ArrayBufferWriter<byte>();
        CommandCodec.Encode(new OpenCommand(1, new ProxyConnectionOptions { Url = new Uri("ws://example.com/"), MessageFormat = (ProxyMessageFormat)9 }), buffer);

        var error = Assert.Throws<ProtocolException>(() => CommandCodec.Decode(buffer.WrittenSpan));

        Assert.Contains("Message format 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_MessagePackOpenWithAPreludeThatIsNotJson_ThrowsProtocolExceptionWithoutQuotingIt()
    {
        var buffer = new ArrayBufferWriter<byte>();
        CommandCodec.Encode(new OpenCommand(1, new ProxyConnectionOptions { Url = new Uri("ws://example.com/"), Prelude = ["secret-token"], MessageFormat = ProxyMessageFormat.MessagePack }), buffer);

        var error = Assert.Throws<ProtocolException>(() => CommandCodec.Decode(buffer.WrittenSpan));

        Assert.Contains("Prelude message 1 cannot be sent as MessagePack", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_OpenWithNegativeMaxRefusals_ThrowsProtocolExceptionNamingTheOption()
    {
        var buffer = new ArrayBufferWriter<byte>();
        CommandCodec.Encode(new OpenCommand(1, new ProxyConnectionOptions { Url = new Uri("ws://example.com/"), MaxRefusals = -1 }), buffer);

        var error = Assert.Throws<ProtocolException>(() => CommandCodec.Decode(buffer.WrittenSpan));

        Assert.Contains("MaxRefusals", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_EncodedSendRegistrationAndSubscribe_KeepPayloadTypeTemplateIdAndTopics()
    {
        var send = Assert.IsType<SendCommand>(RoundTrip(new SendCommand(1, 3, WebSocketMessageType.Binary, new byte[] { 1, 2, 3 })));
        var registration = Assert.IsType<RegisterTemplateCommand>(RoundTrip(new RegisterTemplateCommand(2, 3, 7, Template)));
        var subscribe = Assert.IsType<SubscriptionCommand>(RoundTrip(new SubscriptionCommand(3, false, 3, 7, ["A", "B"])));

        Assert.Equal(WebSocketMessageType.Binary, send.MessageType);
        Assert.Equal(new byte[] { 1, 2, 3 }, send.Payload.ToArray());
        Assert.Equal((3L, 7, Template), (registration.ConnectionId, registration.TemplateId, registration.Template));
        Assert.Equal(CommandKind.Unsubscribe, subscribe.Kind);
        Assert.Equal((3L, 7), (subscribe.ConnectionId, subscribe.TemplateId));
        Assert.Equal(["A", "B"], subscribe.Topics);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Decode_TemplateIdNotPositive_ThrowsProtocolException(int templateId)
    {
        var registration = new ArrayBufferWriter<byte>();
        CommandCodec.Encode(new RegisterTemplateCommand(1, 1, templateId, Template), registration);
        var subscription = new ArrayBufferWriter<byte>();
        CommandCodec.Encode(new SubscriptionCommand(1, true, 1, templateId, ["A"]), subscription);

        Assert.Contains("template id is positive", Assert.Throws<ProtocolException>(() => CommandCodec.Decode(registration.WrittenSpan)).Message, StringComparison.Ordinal);
        Assert.Contains("template id is positive", Assert.Throws<ProtocolException>(() => CommandCodec.Decode(subscription.WrittenSpan)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Group", SubscriptionTemplateValidator.MaxGroupLength + 1)]
    [InlineData("Subscribe", SubscriptionTemplateValidator.MaxTextLength + 1)]
    [InlineData("TopicFormat", SubscriptionTemplateValidator.MaxTextLength + 1)]
    [InlineData("Separator", SubscriptionTemplateValidator.MaxTextLength + 1)]
    public void Decode_RegistrationOfAnOversizedTemplate_ThrowsProtocolExceptionNamingTheField(string field, int length)
    {
        var padding = new string('x', length);
        var oversized = field switch
        {
            "Group" => Template with { Group = padding },
            "Subscribe" => Template with { Subscribe = padding + "{topics}" },
            "TopicFormat" => Template with { TopicFormat = padding + "{topic}" },
            _ => Template with { Separator = padding },
        };
        var buffer = new ArrayBufferWriter<byte>();
        CommandCodec.Encode(new RegisterTemplateCommand(1, 1, 1, oversized), buffer);

        var error = Assert.Throws<ProtocolException>(() => CommandCodec.Decode(buffer.WrittenSpan));

        Assert.Contains(field == "Group" ? "group" : field, error.Message, StringComparison.Ordinal);
        Assert.Contains("at most", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplyBodies_WrittenAndRead_RoundTrip_ShortBodyThrowsProtocolException()
    {
        var hello = new ArrayBufferWriter<byte>();
        new HelloReply(4242, long.MaxValue).Write(hello);
        var open = new ArrayBufferWriter<byte>();
        new OpenReply(7, IsNew: true).Write(open);

        Assert.Equal(new HelloReply(4242, long.MaxValue), HelloReply.Read(hello.WrittenSpan));
        Assert.Equal(new OpenReply(7, IsNew: true), OpenReply.Read(open.WrittenSpan));
        Assert.Throws<ProtocolException>(() => HelloReply.Read(hello.WrittenSpan[..12]));
        Assert.Throws<ProtocolException>(() => OpenReply.Read(open.WrittenSpan[..8]));
    }

    [Fact]
    public void DecodeReply_ErrorReplyOfAnotherVersion_ReadsTheReason_OkReplyOfAnotherVersion_Throws()
    {
        var error = new ArrayBufferWriter<byte>();
        Reply.EncodeError(error, CommandKind.Hello, 5, "Protocol version 2 is not supported (this proxy speaks 1).");
        var ok = new ArrayBufferWriter<byte>();
        Reply.EncodeOk(ok, CommandKind.Hello, 5, [1, 2, 3]);
        var olderError = error.WrittenSpan.ToArray();
        var olderOk = ok.WrittenSpan.ToArray();
        olderError[0] = olderOk[0] = CommandCodec.Version - 1;

        var reply = Reply.Decode(olderError);

        Assert.Equal((CommandKind.Hello, 5L, false), (reply.Kind, reply.CorrelationId, reply.Ok));
        Assert.Contains("this proxy speaks 1", reply.Error, StringComparison.Ordinal);
        Assert.Throws<ProtocolException>(() => Reply.Decode(olderOk));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { CommandCodec.Version + 1, 1, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { CommandCodec.Version, 250, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { CommandCodec.Version, 3, 0, 0, 0, 0, 0, 0, 0, 0, 1 })]
    [InlineData(new byte[] { CommandCodec.Version, 1, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 127 })]
    [InlineData(new byte[] { CommandCodec.Version, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0xC3, 0x28, 0, 0, 0, 0 })]
    [InlineData(new byte[] { CommandCodec.Version, 9, 0, 0, 0, 0, 0, 0, 0, 0, 1 })]
    [InlineData(new byte[] { CommandCodec.Version, 4, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 9 })]
    public void Decode_MalformedRecord_ThrowsProtocolException(byte[] record) =>
        Assert.Throws<ProtocolException>(() => CommandCodec.Decode(record));

    [Fact]
    public void Decode_TemplateWithoutPlaceholder_ThrowsProtocolException()
    {
        var bad = Template with { Subscribe = "no placeholder" };
        var buffer = new ArrayBufferWriter<byte>();
        CommandCodec.Encode(new RegisterTemplateCommand(1, 1, 1, bad), buffer);

        var error = Assert.Throws<ProtocolException>(() => CommandCodec.Decode(buffer.WrittenSpan));
        Assert.Contains("{topics}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_OpenWithNonWebSocketUrl_ThrowsProtocolException()
    {
        var buffer = new ArrayBufferWriter<byte>();
        CommandCodec.Encode(new OpenCommand(1, new ProxyConnectionOptions { Url = new Uri("http://example.com/") }), buffer);

        Assert.Throws<ProtocolException>(() => CommandCodec.Decode(buffer.WrittenSpan));
    }

    [Fact]
    public void Decode_OpenWithAnHourLongConnectTimeout_ThrowsProtocolExceptionNamingTheBound()
    {
        // A client that skips validation still cannot hold an open slot in the proxy for an hour.
        var buffer = new ArrayBufferWriter<byte>();
        CommandCodec.Encode(new OpenCommand(1, new ProxyConnectionOptions { Url = new Uri("ws://example.com/"), ConnectTimeout = TimeSpan.FromHours(1) }), buffer);

        var error = Assert.Throws<ProtocolException>(() => CommandCodec.Decode(buffer.WrittenSpan));

        Assert.Contains("at most 120 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reply_ErrorAndOk_RoundTrip()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Reply.EncodeError(buffer, CommandKind.Open, 12, "nope");
        var error = Reply.Decode(buffer.WrittenSpan);
        buffer.ResetWrittenCount();
        Reply.EncodeOk(buffer, CommandKind.Status, 13, [1, 2]);
        var ok = Reply.Decode(buffer.WrittenSpan);

        Assert.Equal((CommandKind.Open, 12L, false, "nope"), (error.Kind, error.CorrelationId, error.Ok, error.Error));
        Assert.Equal((CommandKind.Status, 13L, true), (ok.Kind, ok.CorrelationId, ok.Ok));
        Assert.Equal(new byte[] { 1, 2 }, ok.Body.ToArray());
    }

    private static Command RoundTrip(Command command)
    {
        var buffer = new ArrayBufferWriter<byte>();
        CommandCodec.Encode(command, buffer);
        return CommandCodec.Decode(buffer.WrittenSpan);
    }
}
