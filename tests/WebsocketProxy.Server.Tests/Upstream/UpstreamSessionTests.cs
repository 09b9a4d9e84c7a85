using System.Net.WebSockets;
using System.Text;
using WebsocketProxy.Client;
using WebsocketProxy.Server.Upstream;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Server.Tests.Upstream;

/// <summary>
/// The hold of a reconnected session, against a real Kestrel WebSocket server. The server closes after its messages,
/// so the session's completion tells that every one of them was received (and held) before the test releases them.
/// </summary>
public sealed class UpstreamSessionTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly List<string> _delivered = [];
    private TestWebSocketServer _server = null!;

    public async Task InitializeAsync() => _server = await TestWebSocketServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ReleaseHeld_MoreArrivedThanTheBound_DeliversWhatFitsInOrderThenReportsTheCount()
    {
        const int Size = 16 * 1024;
        const int Messages = 10;
        using var socket = await ConnectAsync();
        using var session = new UpstreamSession(socket, new ProxyConnectionOptions { Url = _server.Url }, Deliver, maxHeldBytes: 4 * Size);
        session.Start(TimeProvider.System);

        // No readiness marker: ready, and holding, from the start.
        for (var i = 0; i < Messages; i++)
        {
            await _server.OpenConnections.Single().SendAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture).PadRight(Size, '.'));
        }

        await _server.CloseAllAsync(WebSocketCloseStatus.NormalClosure, "done");
        await session.Completion.WaitAsync(Timeout);
        Assert.Empty(Delivered());

        var lost = new List<long>();
        session.ReleaseHeld(lost.Add);

        Assert.Equal(["0", "1", "2", "3"], Delivered());
        Assert.Equal([Messages - 4L], lost);
    }

    [Fact]
    public async Task ReleaseHeld_ReadinessReplyAndWhatCameBefore_PassAtOnce_WhatFollowsWaitsForTheRelease()
    {
        _server.Responder = (_, text) => text == "auth" ? "authenticated" : null;
        using var socket = await ConnectAsync();
        var options = new ProxyConnectionOptions { Url = _server.Url, ReadinessMarker = "authenticated" };
        using var session = new UpstreamSession(socket, options, Deliver, maxHeldBytes: 1 << 20);
        session.Start(TimeProvider.System);
        var server = _server.OpenConnections.Single();
        await server.SendAsync("welcome");
        await socket.SendAsync("auth"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        await session.Ready.WaitAsync(Timeout);
        await _server.WaitForMessageAsync("auth");
        await server.SendAsync("fresh 1");
        await server.SendAsync("fresh 2");

        await _server.CloseAllAsync(WebSocketCloseStatus.NormalClosure, "done");
        await session.Completion.WaitAsync(Timeout);
        Assert.Equal(["welcome", "authenticated"], Delivered());

        var lost = new List<long>();
        session.ReleaseHeld(lost.Add);

        Assert.Equal(["welcome", "authenticated", "fresh 1", "fresh 2"], Delivered());
        Assert.Empty(lost);
    }

    [Fact]
    public async Task DiscardHeld_SessionNeverAnnounced_ItsMessagesGoNowhere()
    {
        using var socket = await ConnectAsync();
        using var session = new UpstreamSession(socket, new ProxyConnectionOptions { Url = _server.Url }, Deliver, maxHeldBytes: 1 << 20);
        session.Start(TimeProvider.System);
        await _server.OpenConnections.Single().SendAsync("held");

        session.DiscardHeld();
        await _server.OpenConnections.Single().SendAsync("after the discard");
        await _server.CloseAllAsync(WebSocketCloseStatus.NormalClosure, "done");
        await session.Completion.WaitAsync(Timeout);
        session.ReleaseHeld(_ => Assert.Fail("nothing was held to report"));

        Assert.Empty(Delivered());
    }

    private async Task<ClientWebSocket> ConnectAsync()
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(_server.Url, CancellationToken.None);
        await _server.WaitForEventAsync(e => e.StartsWith("open", StringComparison.Ordinal));
        return socket;
    }

    private void Deliver(WebSocketMessageType type, ReadOnlyMemory<byte> payload)
    {
        lock (_delivered)
        {
            _delivered.Add(Encoding.UTF8.GetString(payload.Span).TrimEnd('.'));
        }
    }

    private string[] Delivered()
    {
        lock (_delivered)
        {
            return [.. _delivered];
        }
    }
}
