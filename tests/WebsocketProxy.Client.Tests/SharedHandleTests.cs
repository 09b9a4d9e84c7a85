using System.Diagnostics;
using System.Text;
using static WebsocketProxy.Tests.Shared.TestTemplates;

namespace WebsocketProxy.Client.Tests;

/// <summary>Several OpenAsync handles on one connection within one client, through a real proxy.</summary>
public sealed class SharedHandleTests
{
    [Fact]
    public async Task OpenTwice_SameOptions_IndependentHandles_ClosingOneKeepsTheOthersTopicsAndConnection()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        await using var client = await context.ConnectAsync("two-handles");
        var options = new ProxyConnectionOptions { Url = server.Url };
        var first = await client.OpenAsync(options);
        var second = await client.OpenAsync(options);
        var firstFrames = new FrameCollector(first);
        var secondFrames = new FrameCollector(second);

        Assert.Equal(first.Id, second.Id);
        Assert.NotSame(first, second);
        Assert.Equal(2, client.Connections.Count);
        await server.BroadcastAsync("both");
        await firstFrames.WaitForDataAsync("both");
        await secondFrames.WaitForDataAsync("both");

        await first.SubscribeAsync(Bars, ["AAPL"]);
        await second.SubscribeAsync(Bars, ["AAPL", "MSFT"]);
        await first.UnsubscribeAsync(Bars, ["MSFT"]);
        await first.DisposeAsync();
        await firstFrames.WaitForKindAsync(ProxyFrameKind.Closed);
        await second.UnsubscribeAsync(Bars, ["MSFT"]);

        // The second handle's unsubscribe follows the first handle's close: had either released the second's
        // AAPL or MSFT too early, upstream would have seen it first.
        await server.WaitForMessageAsync("""{"action":"unsubscribe","bars":["MSFT"]}""");
        Assert.Equal(["""{"action":"subscribe","bars":["AAPL"]}""", """{"action":"subscribe","bars":["MSFT"]}""", """{"action":"unsubscribe","bars":["MSFT"]}"""], server.Received);
        await server.BroadcastAsync("second-only");
        await secondFrames.WaitForDataAsync("second-only");
        Assert.Single(client.Connections);

        await second.DisposeAsync();
        await server.WaitForEventAsync(e => e == "close 1");
        await secondFrames.WaitForKindAsync(ProxyFrameKind.Closed);
    }

    [Fact]
    public async Task OpenConcurrently_SameOptions_EveryHandleGetsFrames_LastCloseClosesUpstream()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        await using var client = await context.ConnectAsync("concurrent-opens");
        var options = new ProxyConnectionOptions { Url = server.Url };

        var handles = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => client.OpenAsync(options))));
        var frames = handles.Select(h => new FrameCollector(h)).ToArray();

        Assert.Single(handles.Select(h => h.Id).Distinct());
        Assert.Equal(4, handles.Distinct().Count());
        Assert.Equal(1, server.AcceptedCount);
        for (var i = 0; i < 3; i++)
        {
            await handles[i].DisposeAsync();
            await frames[i].WaitForKindAsync(ProxyFrameKind.Closed);
        }

        await server.BroadcastAsync("still-open");
        await frames[3].WaitForDataAsync("still-open");
        await handles[3].DisposeAsync();
        await server.WaitForEventAsync(e => e == "close 1");
    }

    [Fact]
    public async Task ProxySigkill_EveryHandleIsReboundAndItsSubscriptionsReplayed()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        await using var client = await context.ConnectAsync("rebound-handles");
        var options = new ProxyConnectionOptions { Url = server.Url };
        var first = await client.OpenAsync(options);
        var second = await client.OpenAsync(options);
        var firstFrames = new FrameCollector(first);
        var secondFrames = new FrameCollector(second);
        await first.SubscribeAsync(Bars, ["AAPL"]);
        await second.SubscribeAsync(Bars, ["MSFT"]);
        await server.WaitForMessageAsync("""{"action":"subscribe","bars":["MSFT"]}""");

        using (var proxy = Process.GetProcessById((int)client.ServerId))
        {
            proxy.Kill();
        }

        await firstFrames.WaitForKindAsync(ProxyFrameKind.Reconnected, TimeSpan.FromSeconds(30));
        await secondFrames.WaitForKindAsync(ProxyFrameKind.Reconnected, TimeSpan.FromSeconds(30));
        Assert.Equal(first.Id, second.Id);
        await server.WaitForEventAsync(e => e == """recv 2 {"action":"subscribe","bars":["AAPL"]}""");
        await server.WaitForEventAsync(e => e == """recv 2 {"action":"subscribe","bars":["MSFT"]}""");

        await first.DisposeAsync();
        await second.SendAsync(Encoding.UTF8.GetBytes("from-second"));
        await server.WaitForEventAsync(e => e == """recv 2 {"action":"unsubscribe","bars":["AAPL"]}""");
        await server.WaitForMessageAsync("from-second");
        await server.BroadcastAsync("after");
        await secondFrames.WaitForDataAsync("after");
    }

    [Fact]
    public async Task Subscribe_CancelledWhileTheProxyHasNotAnswered_IsUndoneUpstream()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        await using var client = await context.ConnectAsync("cancelled-subscribe");
        var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        using var cancel = new CancellationTokenSource();

        // A stopped proxy reads nothing: the subscribe is posted, and cancelled before any answer.
        Task subscribe;
        Signal("STOP", client.ServerId);
        try
        {
            subscribe = connection.SubscribeAsync(Bars, ["AAPL"], cancel.Token).AsTask();
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => subscribe);
        }
        finally
        {
            Signal("CONT", client.ServerId);
        }

        await server.WaitForMessageAsync("""{"action":"subscribe","bars":["AAPL"]}""");
        await server.WaitForMessageAsync("""{"action":"unsubscribe","bars":["AAPL"]}""");
        await connection.SubscribeAsync(Bars, ["MSFT"]);
        var status = await client.GetStatusAsync();
        Assert.Contains("MSFT", status, StringComparison.Ordinal);
        Assert.DoesNotContain("AAPL", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseLastHandle_WhileAnOpenOfTheSameOptionsIsInFlight_TheNewHandleKeepsTheConnection()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        await using var client = await context.ConnectAsync("close-during-open");
        var options = new ProxyConnectionOptions { Url = server.Url };
        var old = await client.OpenAsync(options);
        var oldFrames = new FrameCollector(old);

        // A stopped proxy reads nothing: the open is posted first, the close of the last handle after it.
        Task<IProxyConnection> reopen;
        Signal("STOP", client.ServerId);
        try
        {
            reopen = client.OpenAsync(options);
            var close = old.DisposeAsync().AsTask();
            await oldFrames.WaitForKindAsync(ProxyFrameKind.Closed);
            Assert.True(close.IsCompleted, "closing the last handle waited for the proxy although an open was in flight");
        }
        finally
        {
            Signal("CONT", client.ServerId);
        }

        var fresh = await reopen;
        var frames = new FrameCollector(fresh);
        Assert.Equal(old.Id, fresh.Id);
        await server.BroadcastAsync("kept");
        await frames.WaitForDataAsync("kept");
        Assert.Equal(1, server.AcceptedCount);
    }

    [Fact]
    public async Task Open_CancelledWhileTheProxyHasNotAnswered_TheLateConnectionIsReleased()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        await using var client = await context.ConnectAsync("cancelled-open");
        using var cancel = new CancellationTokenSource();

        Signal("STOP", client.ServerId);
        try
        {
            var open = client.OpenAsync(new ProxyConnectionOptions { Url = server.Url }, cancel.Token);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => open);
        }
        finally
        {
            Signal("CONT", client.ServerId);
        }

        await server.WaitForEventAsync(e => e == "open 1");
        await server.WaitForEventAsync(e => e == "close 1");
        Assert.Empty(client.Connections);
    }

    private static void Signal(string signal, long pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {pid}") { UseShellExecute = false })!;
        Assert.True(kill.WaitForExit(10_000), "kill did not finish");
        Assert.Equal(0, kill.ExitCode);
    }
}
