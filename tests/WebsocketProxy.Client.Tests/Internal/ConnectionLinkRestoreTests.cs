using System.Net.WebSockets;
using System.Text;
using WebsocketProxy.Client.Internal;

namespace WebsocketProxy.Client.Tests.Internal;

/// <summary>A link being restored holds the new proxy's data until its Reconnected is delivered.</summary>
public sealed class ConnectionLinkRestoreTests
{
    private static readonly ProxyFrame Reconnected = new(ProxyFrameKind.Reconnected, 4, ReadOnlyMemory<byte>.Empty, Message: "restored");

    [Fact]
    public void Release_HeldFrames_ReconnectedThenTheFramesInOrder_Once()
    {
        var link = NewLink();
        link.Hold(Reconnected);

        Assert.True(link.TryHold(Bytes("one"), WebSocketMessageType.Text));
        Assert.True(link.TryHold(Bytes("two"), WebSocketMessageType.Binary));
        var released = new List<string>();

        Assert.True(link.Release((reconnected, held, lost) =>
        {
            released.Add(reconnected.Message!);
            released.AddRange(held.Select(f => $"{Encoding.UTF8.GetString(f.Payload.Span)} {f.MessageType}"));
            released.Add($"lost {lost}");
        }));

        Assert.Equal(["restored", "one Text", "two Binary", "lost 0"], released);
        Assert.False(link.IsHolding);
        Assert.False(link.TryHold(Bytes("live"), WebSocketMessageType.Text));
        Assert.False(link.Release((_, _, _) => released.Add("again")));
        Assert.DoesNotContain("again", released);
    }

    [Fact]
    public void TryHold_BeyondTheBound_DropsAndCountsTheRest()
    {
        var link = NewLink();
        link.Hold(Reconnected);
        var large = new byte[ConnectionLink.MaxHeldBytes / 4];

        for (var i = 0; i < 6; i++)
        {
            Assert.True(link.TryHold(large, WebSocketMessageType.Binary));
        }

        Assert.True(link.Release((_, held, lost) =>
        {
            Assert.Equal(4, held.Count);
            Assert.Equal(2, lost);
        }));
    }

    [Fact]
    public void Discard_HeldFrames_NothingReleasedAndDataFlowsAgain()
    {
        var link = NewLink();
        link.Hold(Reconnected);
        Assert.True(link.TryHold(Bytes("of a dead proxy"), WebSocketMessageType.Text));

        link.Discard();

        Assert.False(link.IsHolding);
        Assert.False(link.Release((_, _, _) => Assert.Fail("a discarded hold was released")));
        Assert.False(link.TryHold(Bytes("live"), WebSocketMessageType.Text));
    }

    [Fact]
    public void TryHold_NotHolding_LeavesTheFrameToTheCaller()
    {
        var link = NewLink();

        Assert.False(link.IsHolding);
        Assert.False(link.TryHold(Bytes("live"), WebSocketMessageType.Text));
    }

    [Fact]
    public async Task Release_FrameArrivingDuringTheRelease_WaitsForItAndIsLeftToTheCallerAfter()
    {
        var link = NewLink();
        link.Hold(Reconnected);
        var order = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var releasing = new ManualResetEventSlim();
        using var pumpStarted = new ManualResetEventSlim();
        var releaser = Task.Run(() => link.Release((_, _, _) =>
        {
            releasing.Set();
            Assert.True(pumpStarted.Wait(TimeSpan.FromSeconds(30)));
            order.Enqueue("released");
        }));
        Assert.True(releasing.Wait(TimeSpan.FromSeconds(30)));

        // The pump's next frame, read while the release runs: neither held (the release took what was held) nor
        // ahead of the frames being released.
        var pump = Task.Run(() =>
        {
            pumpStarted.Set();
            var held = link.TryHold(Bytes("next"), WebSocketMessageType.Text);
            order.Enqueue(held ? "held" : "next");
        });

        Assert.True(await releaser.WaitAsync(TimeSpan.FromSeconds(30)));
        await pump.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["released", "next"], order);
    }

    private static ConnectionLink NewLink() => new(4, new ProxyConnectionOptions { Url = new Uri("ws://127.0.0.1/restored") });

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
