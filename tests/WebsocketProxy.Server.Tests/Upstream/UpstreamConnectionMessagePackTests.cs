using System.Net.WebSockets;
using MessagePack;
using Microsoft.Extensions.Logging.Abstractions;
using WebsocketProxy.Client;
using WebsocketProxy.Server.Diagnostics;
using WebsocketProxy.Server.Upstream;
using WebsocketProxy.Tests.Shared;
using static WebsocketProxy.Tests.Shared.TestTemplates;

namespace WebsocketProxy.Server.Tests.Upstream;

/// <summary>
/// A connection that speaks MessagePack (<see cref="ProxyMessageFormat.MessagePack"/>) against a real Kestrel server
/// that answers in MessagePack: what the proxy composes goes as binary MessagePack, and byte markers match binary replies.
/// </summary>
public sealed class UpstreamConnectionMessagePackTests : IAsyncLifetime
{
    // fixstr "msg", fixstr "authenticated": the key and value as they sit side by side in a packed map.
    private static readonly byte[] Authenticated = [0xa3, .. "msg"u8, 0xad, .. "authenticated"u8];

    private readonly RecordingEvents _events = new();
    private readonly ProxyMetrics _metrics = new();
    private readonly List<UpstreamConnection> _connections = [];
    private TestWebSocketServer _server = null!;

    public async Task InitializeAsync() => _server = await TestWebSocketServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        await _server.DisposeAsync();
        _metrics.Dispose();
    }

    [Fact]
    public async Task Start_MessagePackPreludeAndByteMarker_PreludeGoesAsBinaryMapAndTheBinaryReplyMakesItReady()
    {
        _server.BinaryResponder = (_, frame) => Action(frame) == "auth" ? Reply(new() { ["T"] = "success", ["msg"] = "authenticated" }) : null;
        var connection = Create(Options() with { ReadinessMarker = FrameMarker.FromBytes(Authenticated) });

        await connection.StartAsync();

        var (type, payload) = Assert.Single(_server.ReceivedFrames);
        Assert.Equal(WebSocketMessageType.Binary, type);
        Assert.Equal(
            new Dictionary<string, string> { ["action"] = "auth", ["key"] = "k", ["secret"] = "s" },
            MessagePackSerializer.Deserialize<Dictionary<string, string>>(payload));
        await _events.WaitForAsync(l => l.StartsWith("binary", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_ContentTypeHeader_ReachesTheServerWithTheOtherHeaders()
    {
        // ClientWebSocket drops Content-Type from request headers; Alpaca speaks MessagePack only when it arrives.
        var connection = Create(Options() with
        {
            Prelude = [],
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/msgpack", ["X-Other"] = "kept" },
        });

        await connection.StartAsync();

        var headers = Assert.Single(_server.OpenConnections).Headers;
        Assert.Equal("application/msgpack", headers["Content-Type"]);
        Assert.Equal("kept", headers["X-Other"]);
    }

    [Fact]
    public async Task Start_TextMarkerAgainstBinaryReplies_NeverReady()
    {
        // The same words as text do not occur in the packed reply ("msg":"authenticated" has quotes and a colon):
        // without byte markers a MessagePack session could never become ready.
        _server.BinaryResponder = (_, _) => Reply(new() { ["T"] = "success", ["msg"] = "authenticated" });
        var connection = Create(Options() with { ReadinessMarker = "\"msg\":\"authenticated\"", ReadinessTimeout = TimeSpan.FromSeconds(1), MaxReconnectAttempts = 0 });

        var error = await Assert.ThrowsAsync<UpstreamException>(connection.StartAsync);

        Assert.Contains("readiness marker not seen", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ByteFatalMarkerInABinaryReply_FatalAndTheReplyQuotedAsJson()
    {
        _server.BinaryResponder = (_, _) => Reply(new() { ["T"] = "error", ["code"] = 402, ["msg"] = "auth failed" });
        var connection = Create(Options() with
        {
            ReadinessMarker = FrameMarker.FromBytes(Authenticated),
            // MessagePack-CSharp packs a boxed int as int32 (0xd2); other encoders take the smallest form (0xcd here).
            FatalMarkers = [FrameMarker.FromBytes([0xa4, .. "code"u8, 0xcd, 0x01, 0x92]), FrameMarker.FromBytes([0xa4, .. "code"u8, 0xd2, 0x00, 0x00, 0x01, 0x92])],
        });

        var error = await Assert.ThrowsAsync<UpstreamException>(connection.StartAsync);

        Assert.True(error.IsFatal);
        Assert.Contains("""[{"T":"error","code":402,"msg":"auth failed"}]""", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ByteRefusalMarker_RefusedNotReady()
    {
        _server.BinaryResponder = (_, _) => Reply(new() { ["T"] = "error", ["code"] = 500, ["msg"] = "internal error" });
        var connection = Create(Options() with
        {
            ReadinessMarker = FrameMarker.FromBytes(Authenticated),
            RefusalMarker = FrameMarker.FromBytes([0xa1, (byte)'T', 0xa5, .. "error"u8]),
            MaxReconnectAttempts = 0,
        });

        var error = await Assert.ThrowsAsync<UpstreamException>(connection.StartAsync);

        Assert.Equal(UpstreamRefusal.Refused, error.Refusal);
        Assert.Contains("internal error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_MessagePackConnection_SubscribeAndUnsubscribeGoAsBinaryMapsAndAreReplayedAfterADrop()
    {
        _server.BinaryResponder = (_, frame) => Action(frame) == "auth" ? Reply(new() { ["T"] = "success", ["msg"] = "authenticated" }) : null;
        var connection = Create(Options() with { ReadinessMarker = FrameMarker.FromBytes(Authenticated) });
        await connection.StartAsync();
        await connection.RegisterTemplateAsync(1, 1, Bars);

        await connection.SubscribeAsync(1, 1, ["AAPL", "BRK.B"]);
        await connection.UnsubscribeAsync(1, 1, ["BRK.B"]);
        await WaitForFramesAsync(3);
        _server.DropAll();
        await _events.WaitForAsync(l => l == "Reconnected");
        await WaitForFramesAsync(5);

        var frames = _server.ReceivedFrames.ToArray();
        Assert.All(frames, f => Assert.Equal(WebSocketMessageType.Binary, f.Type));
        Assert.Equal(
            [
                """{"action":"auth","key":"k","secret":"s"}""",
                """{"action":"subscribe","bars":["AAPL","BRK.B"]}""",
                """{"action":"unsubscribe","bars":["BRK.B"]}""",
                """{"action":"auth","key":"k","secret":"s"}""",
                """{"action":"subscribe","bars":["AAPL"]}""",
            ],
            frames.Select(f => MessagePackSerializer.ConvertToJson(f.Payload)));
    }

    [Fact]
    public async Task RegisterTemplate_RawTopicsOnAMessagePackConnection_RefusedWithTheReason()
    {
        _server.BinaryResponder = (_, _) => Reply(new() { ["T"] = "success", ["msg"] = "authenticated" });
        var connection = Create(Options() with { ReadinessMarker = FrameMarker.FromBytes(Authenticated) });
        await connection.StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => connection.RegisterTemplateAsync(1, 1, Bars with { Encoding = TopicEncoding.Raw }));

        Assert.Contains("TopicEncoding.JsonString", error.Message, StringComparison.Ordinal);
        await connection.RegisterTemplateAsync(1, 1, Bars);
    }

    private static string? Action(byte[] frame) =>
        MessagePackSerializer.Deserialize<Dictionary<string, object>>(frame).GetValueOrDefault("action") as string;

    private static byte[] Reply(Dictionary<string, object> message) => MessagePackSerializer.Serialize(new object[] { message });

    private async Task WaitForFramesAsync(int count)
    {
        // Each received message is also a "recv" event of the server: wait on those, not on time.
        var deadline = TimeProvider.System.GetTimestamp();
        while (_server.ReceivedFrames.Count < count)
        {
            Assert.True(TimeProvider.System.GetElapsedTime(deadline) < TimeSpan.FromSeconds(30), $"The server received {_server.ReceivedFrames.Count} of {count} messages within 30 s.");
            await _server.WaitForEventAsync(e => e.StartsWith("recv", StringComparison.Ordinal));
        }
    }

    private ProxyConnectionOptions Options() => new()
    {
        Url = _server.Url,
        Prelude = ["""{"action":"auth","key":"k","secret":"s"}"""],
        MessageFormat = ProxyMessageFormat.MessagePack,
        InitialBackoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
    };

    private UpstreamConnection Create(ProxyConnectionOptions options)
    {
        var connection = new UpstreamConnection(_connections.Count + 1, "key", options, _events, NullLogger.Instance, TimeProvider.System, _metrics);
        _connections.Add(connection);
        return connection;
    }
}
