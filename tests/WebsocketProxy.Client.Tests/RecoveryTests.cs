using System.Diagnostics;
using WebsocketProxy.Ipc;
using WebsocketProxy.Tests.Shared;
using static WebsocketProxy.Tests.Shared.TestTemplates;

namespace WebsocketProxy.Client.Tests;

/// <summary>Recovery from a dead proxy never stops for good: real proxy processes killed at awkward moments.</summary>
public sealed class RecoveryTests
{
    [Theory]
    [AllBackends]
    public async Task ProxyKilledWhileConnectionsAreReopened_ClientRecoversOntoAThirdProxy(IpcBackend backend)
    {
        await using var context = new ProxyTestContext(backend);
        var server = await context.StartServerAsync();
        var client = await context.ConnectAsync("twice");
        var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var frames = new FrameCollector(connection);
        await connection.SubscribeAsync(Bars, ["AAPL"]);
        await server.WaitForMessageAsync("""{"action":"subscribe","bars":["AAPL"]}""");
        var firstProxy = client.ServerId;

        // The second proxy's upstream handshake is held until that proxy is dead: recovery is mid-reopen then.
        using (var hold = new HandshakeHold(server))
        {
            Kill(firstProxy);
            await hold.Reached;
            var secondProxy = client.ServerId;
            Assert.NotEqual(firstProxy, secondProxy);

            // Its old id may belong to another connection on the new proxy: a command fails clearly instead.
            var early = await Assert.ThrowsAsync<WebsocketProxyException>(async () => await connection.SendAsync("early"u8.ToArray()));
            Assert.Contains("being restored", early.Message, StringComparison.Ordinal);
            var closeById = await Assert.ThrowsAsync<WebsocketProxyException>(() => client.CloseAsync(connection.Id));
            Assert.Contains("being restored", closeById.Message, StringComparison.Ordinal);
            Kill(secondProxy);
        }

        await frames.WaitForKindAsync(ProxyFrameKind.Reconnected);
        await server.WaitForMessageAsync("""{"action":"subscribe","bars":["AAPL"]}""");
        using (var third = Process.GetProcessById((int)client.ServerId))
        {
            Assert.False(third.HasExited);
        }

        await server.BroadcastAsync("third");
        await frames.WaitForDataAsync("third");
        Assert.Contains(connection, client.Connections);
    }

    [Fact]
    public async Task ConnectionDisposedWhileBeingRestored_ClosesLocally_AndIsNotRestored()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var client = await context.ConnectAsync("disposer");
        var kept = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url, Headers = new Dictionary<string, string> { ["X-Name"] = "kept" } });
        var dropped = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url, Headers = new Dictionary<string, string> { ["X-Name"] = "dropped" } });
        var keptFrames = new FrameCollector(kept);
        var droppedClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var handler = dropped.AttachFrameHandler((in ProxyFrame frame) =>
        {
            if (frame.Kind == ProxyFrameKind.Closed)
            {
                droppedClosed.TrySetResult();
            }
        });

        using (var hold = new HandshakeHold(server))
        {
            Kill(client.ServerId);
            await hold.Reached;
            await dropped.DisposeAsync();
        }

        await droppedClosed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await keptFrames.WaitForKindAsync(ProxyFrameKind.Reconnected);
        Assert.Equal([kept], client.Connections);
        Assert.Contains("connections (1)", await client.GetStatusAsync(), StringComparison.Ordinal);

        // Both connections of the killed proxy have ended at the server; only the restored one is open.
        for (var closed = 0; closed < 2; closed++)
        {
            await server.WaitForEventAsync(e => e.StartsWith("close ", StringComparison.Ordinal));
        }

        Assert.Equal(["kept"], server.OpenConnections.Select(c => c.Headers["X-Name"]));
    }

    [Fact]
    public async Task HandleDisposedWhileBeingRestored_TheOtherHandlesCountAloneIsReplayed()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var client = await context.ConnectAsync("two-handles");
        var options = new ProxyConnectionOptions { Url = server.Url };
        var survivor = await client.OpenAsync(options);
        var leaver = await client.OpenAsync(options);
        var frames = new FrameCollector(survivor);
        await survivor.SubscribeAsync(Bars, ["AAPL"]);
        await leaver.SubscribeAsync(Bars, ["AAPL"]);
        await server.WaitForMessageAsync("""{"action":"subscribe","bars":["AAPL"]}""");

        using (var hold = new HandshakeHold(server))
        {
            Kill(client.ServerId);
            await hold.Reached;
            await leaver.DisposeAsync();
        }

        await frames.WaitForKindAsync(ProxyFrameKind.Reconnected);
        await server.WaitForMessageAsync("""{"action":"subscribe","bars":["AAPL"]}""");

        // The new proxy counts only the survivor's subscription: its one unsubscribe takes the topic off upstream.
        await survivor.UnsubscribeAsync(Bars, ["AAPL"]);
        await server.WaitForMessageAsync("""{"action":"unsubscribe","bars":["AAPL"]}""");
    }

    [Fact]
    public async Task SameOptionsOpenedWhileBeingRestored_BothHandlesShareTheRestoredConnection()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var client = await context.ConnectAsync("open-during-recovery");
        var options = new ProxyConnectionOptions { Url = server.Url };
        var first = await client.OpenAsync(options);
        var firstFrames = new FrameCollector(first);

        Task<IProxyConnection> opening;
        using (var hold = new HandshakeHold(server))
        {
            Kill(client.ServerId);
            await hold.Reached;

            // Made while the connection is being restored: it waits for the restore, then joins it.
            opening = client.OpenAsync(options);
        }

        var second = await opening.WaitAsync(TimeSpan.FromSeconds(30));
        await firstFrames.WaitForKindAsync(ProxyFrameKind.Reconnected);
        Assert.False(second.IsNew);
        Assert.Equal(first.Id, second.Id);
        var secondFrames = new FrameCollector(second);

        // One connection for both handles; closing the first keeps it for the second.
        await first.DisposeAsync();
        await firstFrames.WaitForKindAsync(ProxyFrameKind.Closed);
        await server.BroadcastAsync("still shared");
        await secondFrames.WaitForDataAsync("still shared");
        Assert.Equal([second], client.Connections);
    }

    [Fact]
    public async Task CallbacksThrowDuringRecovery_RecoveryCompletes_AndRunsAgainAtTheNextLoss()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var callback = new ThrowingCallback();
        await using var client = await WebsocketProxyClient.ConnectAsync(context.ClientOptions("throwing") with { Callback = callback });
        var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var frames = new FrameCollector(connection);

        for (var loss = 1; loss <= 2; loss++)
        {
            var before = client.ServerId;
            Kill(before);
            await frames.WaitForKindAsync(ProxyFrameKind.Reconnected);
            Assert.NotEqual(before, client.ServerId);

            await server.BroadcastAsync("after loss " + loss);
            await frames.WaitForDataAsync("after loss " + loss);
        }

        Assert.Equal(2, callback.Disconnects);
    }

    [Fact]
    public async Task ProxyKilled_DataAnsweringTheReplayedSubscriptions_ComesAfterReconnected()
    {
        // Many templates, so the replay is many commands, and the server answers each subscribe at once with data:
        // the first answers reach the client long before the last replayed subscribe is acknowledged. A consumer
        // takes Reconnected as the start of the restored stream (it may reset its state there), so no data of the
        // new proxy may reach a handle or the callback ahead of it.
        const int Groups = 50;
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        server.Responder = (_, text) => text.StartsWith("""{"action":"subscribe",""", StringComparison.Ordinal) ? "answer " + text : null;
        var callback = new OrderCallback();
        await using var client = await WebsocketProxyClient.ConnectAsync(context.ClientOptions("ordered") with { Callback = callback });
        var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var frames = new FrameCollector(connection);
        for (var group = 0; group < Groups; group++)
        {
            await connection.SubscribeAsync(Group(group), ["AAPL"]);
        }

        var lastAnswer = $$"""data answer {"action":"subscribe","g{{Groups - 1}}":["AAPL"]}""";
        await frames.WaitForAsync(f => FrameCollector.Describe(f) == lastAnswer);

        Kill(client.ServerId);

        // Both, in whichever order they come: the order is what is checked.
        var awaited = new HashSet<string>(StringComparer.Ordinal) { "Reconnected", lastAnswer };
        while (awaited.Count > 0)
        {
            var frame = await frames.WaitForAsync(f => awaited.Contains(f.Kind == ProxyFrameKind.Reconnected ? "Reconnected" : FrameCollector.Describe(f)));
            awaited.Remove(frame.Kind == ProxyFrameKind.Reconnected ? "Reconnected" : FrameCollector.Describe(frame));
        }

        var afterLoss = frames.Seen.SkipWhile(f => !f.StartsWith("Gap", StringComparison.Ordinal)).ToList();
        var reconnectedAt = afterLoss.FindIndex(f => f.StartsWith("Reconnected", StringComparison.Ordinal));
        Assert.True(reconnectedAt >= 0 && afterLoss.FindIndex(f => f.StartsWith("data", StringComparison.Ordinal)) > reconnectedAt, $"after the loss: [{string.Join(" | ", afterLoss)}]");
        Assert.Equal(Groups, afterLoss.Count(f => f.StartsWith("data answer", StringComparison.Ordinal)));
        var told = callback.Snapshot().SkipWhile(l => l != "disconnected").ToList();
        var openedAt = told.IndexOf("opened");
        Assert.True(openedAt >= 0 && told.IndexOf("data") > openedAt, $"the callback after the loss: [{string.Join(" | ", told)}]");
    }

    private static SubscriptionTemplate Group(int group) => new()
    {
        Group = $"g{group}",
        Subscribe = $$$"""{"action":"subscribe","g{{{group}}}":[{topics}]}""",
        Unsubscribe = $$$"""{"action":"unsubscribe","g{{{group}}}":[{topics}]}""",
    };

    private static void Kill(long processId)
    {
        using var proxy = Process.GetProcessById((int)processId);
        proxy.Kill();
        proxy.WaitForExit(TimeSpan.FromSeconds(10));
    }

    /// <summary>What the callback heard, in order: events by name, data as "data".</summary>
    private sealed class OrderCallback : IWebsocketProxyCallback
    {
        private readonly List<string> _heard = [];

        public string[] Snapshot()
        {
            lock (_heard)
            {
                return [.. _heard];
            }
        }

        public void OnServerDisconnected() => Add("disconnected");

        public void OnOpened(long connectionId) => Add("opened");

        public void OnGap(long connectionId, long lostMessages, string message) => Add("gap");

        public void OnData(long connectionId, ReadOnlySpan<byte> data, System.Net.WebSockets.WebSocketMessageType messageType, int remaining) => Add("data");

        private void Add(string line)
        {
            lock (_heard)
            {
                _heard.Add(line);
            }
        }
    }

    private sealed class ThrowingCallback : IWebsocketProxyCallback
    {
        private int _disconnects;

        public int Disconnects => Volatile.Read(ref _disconnects);

        public void OnServerDisconnected()
        {
            Interlocked.Increment(ref _disconnects);
            throw new InvalidOperationException("application bug in OnServerDisconnected");
        }

        // Only in recovery: what these throw from the application's own OpenAsync and CloseAsync reaches it there.
        public void OnOpened(long connectionId)
        {
            if (Disconnects > 0)
            {
                throw new InvalidOperationException("application bug in OnOpened");
            }
        }

        public void OnClosed(long connectionId)
        {
            if (Disconnects > 0)
            {
                throw new InvalidOperationException("application bug in OnClosed");
            }
        }

        public void OnGap(long connectionId, long lostMessages, string message) => throw new InvalidOperationException("application bug in OnGap");
    }
}
