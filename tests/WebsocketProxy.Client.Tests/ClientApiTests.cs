using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using WebsocketProxy.Ipc;
using WebsocketProxy.Protocol;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Client.Tests;

/// <summary>The public client API against a real proxy process.</summary>
public sealed class ClientApiTests
{
    [Theory]
    [AllBackends]
    public async Task Callback_And_FireAndForgetOpen_ReportOpenedDataAndClosed(IpcBackend backend)
    {
        await using var context = new ProxyTestContext(backend);
        var server = await context.StartServerAsync();
        var callback = new RecordingCallback();
        var client = await WebsocketProxyClient.ConnectAsync(context.ClientOptions("callbacks") with { Callback = callback });
        await using var _ = client;
        var opened = new TaskCompletionSource<ConnectionOpenedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ConnectionOpened += (_, e) => opened.TrySetResult(e);

        client.Open(new ProxyConnectionOptions { Url = server.Url });
        var result = await opened.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Null(result.Error);
        var id = result.Connection!.Id;
        await server.BroadcastAsync("via-callback");
        await callback.WaitAsync($"data {id} via-callback");
        await client.CloseAllAsync();
        await callback.WaitAsync($"closed {id}");

        Assert.Contains($"opened {id}", callback.Snapshot());
        Assert.Empty(client.Connections);
        await server.WaitForEventAsync(e => e == "close 1");
    }

    [Fact]
    public async Task Callback_DataMessages_AllocateNothingPerMessageOnTheReceiveThread()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var callback = new AllocationCallback(200);
        var client = await WebsocketProxyClient.ConnectAsync(context.ClientOptions("alloc") with { Callback = callback });
        await using var _ = client;
        await using var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });

        for (var i = 0; i < 200; i++)
        {
            await server.BroadcastAsync("m");
        }

        var allocated = await callback.Done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // What the receive thread allocated from one data message to the next: nothing, except when it also did its
        // rare housekeeping (lease probe, heartbeat) in between. A closure per dispatch made every step 88 bytes.
        var steps = allocated.Zip(allocated.Skip(1), (before, after) => after - before).ToArray();
        Assert.True(steps.Count(step => step == 0) >= steps.Length / 2, "bytes allocated between data messages: " + string.Join(", ", steps));
    }

    [Fact]
    public async Task Callback_UpstreamDrops_IsToldOfTheGap_ThenOfTheReopenedConnection()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var callback = new RecordingCallback();
        var client = await WebsocketProxyClient.ConnectAsync(context.ClientOptions("gaps") with { Callback = callback });
        await using var _ = client;
        var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url, InitialBackoff = TimeSpan.FromMilliseconds(50) });
        await server.BroadcastAsync("before");
        await callback.WaitAsync($"data {connection.Id} before");

        server.DropAll();
        await callback.WaitAsync($"gap {connection.Id} 0");
        await callback.WaitAsync($"opened {connection.Id}");
        await server.BroadcastAsync("after");
        await callback.WaitAsync($"data {connection.Id} after");
    }

    [Fact]
    public async Task Callback_Throws_FramesKeepFlowingToReaders()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var client = await WebsocketProxyClient.ConnectAsync(context.ClientOptions("throwing") with { Callback = new ThrowingCallback() });
        await using var _ = client;
        var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var frames = new FrameCollector(connection);

        await server.BroadcastAsync("one");
        await server.BroadcastAsync("two");

        await frames.WaitForDataAsync("one");
        await frames.WaitForDataAsync("two");
    }

    [Theory]
    [AllBackends]
    public async Task ReadFrames_LargeBinaryFrame_ArrivesWholeWithItsType(IpcBackend backend)
    {
        await using var context = new ProxyTestContext(backend);
        var server = await context.StartServerAsync();
        var client = await context.ConnectAsync("large");
        var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var frames = new FrameCollector(connection);
        var big = new byte[1 << 20];
        Random.Shared.NextBytes(big);

        await server.OpenConnections.Single().SendAsync(big, WebSocketMessageType.Binary);

        Assert.Equal(ProxyFrameKind.Opened, (await frames.WaitForAsync(_ => true)).Kind);
        var frame = await frames.WaitForAsync(f => f.Kind == ProxyFrameKind.Data);
        Assert.Equal(WebSocketMessageType.Binary, frame.MessageType);
        Assert.Equal(big, frame.Payload.ToArray());
    }

    [Fact]
    public async Task SetLogLevel_ChangesTheRunningProxysLevel_ShownInStatus()
    {
        await using var context = new ProxyTestContext();
        var client = await context.ConnectAsync("levels");

        await client.SetLogLevelAsync(LogLevel.Warning);

        Assert.Contains("log level Warning", await client.GetStatusAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_ProxyNotFound_ErrorListsPathsTried()
    {
        var options = WebsocketProxyClientOptions.Default with { Instance = "t" + Guid.NewGuid().ToString("N")[..12], ProxyPath = "/nonexistent/dir/websocket-proxy", StartTimeout = TimeSpan.FromSeconds(5) };

        var error = await Assert.ThrowsAsync<WebsocketProxyException>(() => WebsocketProxyClient.ConnectAsync(options));
        InstanceFiles.Remove(options.Instance);

        Assert.Contains("/nonexistent/dir/websocket-proxy", error.Message, StringComparison.Ordinal);
        Assert.Contains("WEBSOCKET_PROXY_PATH", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FloodOfMalformedCommands_OnlyTheFlooderGetsErrors_OthersKeepWorking()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var flooder = await context.ConnectIsolatedAsync("flooder");
        var victim = await context.ConnectAsync("victim");
        var connection = await victim.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var frames = new FrameCollector(connection);

        var flood = Enumerable.Range(1000, 500).Select(i => flooder.Registration.RequestRawAsync(i, [CommandCodec.Version, (byte)CommandKind.Close, (byte)(i & 0xFF), (byte)(i >> 8), 0, 0, 0, 0, 0, 0], TimeSpan.FromSeconds(30))).ToArray();
        await connection.SendAsync(Encoding.UTF8.GetBytes("unharmed"));
        await server.WaitForMessageAsync("unharmed");
        await server.BroadcastAsync("still-flowing");
        await frames.WaitForDataAsync("still-flowing");

        var replies = await Task.WhenAll(flood);
        Assert.All(replies, r => Assert.False(r.Ok));
        Assert.Contains("victim", await flooder.GetStatusAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [AllBackends]
    public async Task Callback_BroadcastRingDamaged_EveryConnectionToldByFrameAndCallback_FramesResume(IpcBackend backend)
    {
        await using var context = new ProxyTestContext(backend);
        var server = await context.StartServerAsync();
        var callback = new RecordingCallback();
        var client = await WebsocketProxyClient.ConnectAsync(context.ClientOptions("damaged") with { Callback = callback });
        await using var _ = client;
        var first = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var second = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url, Headers = new Dictionary<string, string> { ["X-Key"] = "b" } });
        var frames = new FrameCollector(first);
        var secondFrames = new FrameCollector(second);
        await server.BroadcastAsync("before");
        await frames.WaitForDataAsync("before");
        await secondFrames.WaitForDataAsync("before");

        // A stray writer commits a record of an unknown type where the proxy writes next.
        ForgeRecordAtTail(ProxyNames.Broadcast(context.Instance, context.Backend), client.Registration.Broadcast.Epoch, type: 99);

        var error = await frames.WaitForKindAsync(ProxyFrameKind.Error);
        Assert.Contains("record type 99", error.Message, StringComparison.Ordinal);
        Assert.Contains("record type 99", (await secondFrames.WaitForKindAsync(ProxyFrameKind.Error)).Message, StringComparison.Ordinal);
        // Both callbacks run in one pass on the receive thread, in no particular order.
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (!callback.Snapshot().Contains($"error {first.Id}") || !callback.Snapshot().Contains($"error {second.Id}"))
            {
                await Task.Delay(10, deadline.Token);
            }
        }

        await server.BroadcastAsync("after");
        await frames.WaitForDataAsync("after");
        Assert.Equal(1, callback.Snapshot().Count(l => l == $"error {first.Id}"));
    }

    private sealed class AllocationCallback(int count) : IWebsocketProxyCallback
    {
        private readonly long[] _allocated = new long[count];
        private int _received;

        public TaskCompletionSource<long[]> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnData(long connectionId, ReadOnlySpan<byte> data, WebSocketMessageType messageType, int remaining)
        {
            // Runs on the receive thread: what that thread has allocated so far.
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            if (_received < _allocated.Length)
            {
                _allocated[_received++] = allocated;
                if (_received == _allocated.Length)
                {
                    Done.TrySetResult(_allocated);
                }
            }
        }
    }

    private sealed class ThrowingCallback : IWebsocketProxyCallback
    {
        public void OnData(long connectionId, ReadOnlySpan<byte> data, WebSocketMessageType messageType, int remaining) =>
            throw new InvalidOperationException("application bug");
    }

    private sealed class RecordingCallback : IWebsocketProxyCallback
    {
        private readonly BlockingCollection<string> _lines = [];

        private readonly List<string> _all = [];

        // Callbacks run on the receive thread: read a copy taken under the lock.
        public string[] Snapshot()
        {
            lock (_all)
            {
                return [.. _all];
            }
        }

        public void OnOpened(long connectionId) => Add($"opened {connectionId}");

        public void OnClosed(long connectionId) => Add($"closed {connectionId}");

        public void OnGap(long connectionId, long lostMessages, string message) => Add($"gap {connectionId} {lostMessages}");

        public void OnError(long connectionId, string message) => Add($"error {connectionId}");

        public void OnData(long connectionId, ReadOnlySpan<byte> data, WebSocketMessageType messageType, int remaining) =>
            Add($"data {connectionId} {Encoding.UTF8.GetString(data)}");

        public Task WaitAsync(string line) => Task.Run(() =>
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (_lines.Take(cts.Token) != line)
            {
            }
        });

        private void Add(string line)
        {
            lock (_all)
            {
                _all.Add(line);
            }

            _lines.Add(line);
        }
    }

    /// <summary>Writes a committed broadcast record header at the ring's published tail, through the file.</summary>
    private static void ForgeRecordAtTail(string path, long epoch, int type)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        var header = new byte[BroadcastLayout.HeaderSize];
        stream.ReadExactly(header);
        var capacity = BitConverter.ToInt64(header, BroadcastLayout.CapacityOffset);
        var slot = BroadcastLayout.TailSlotsOffset + ((BitConverter.ToInt64(header, BroadcastLayout.TailIndexOffset) & 1) * 16);
        var position = BitConverter.ToInt64(header, (int)slot);
        var record = new BroadcastRecordHeader
        {
            Commit = BroadcastLayout.CommitWord(position, BroadcastLayout.CommitMask(epoch)),
            Sequence = BitConverter.ToInt64(header, (int)slot + 8),
            Length = 8,
            Type = type,
        };
        stream.Position = BroadcastLayout.HeaderSize + (position & (capacity - 1));
        stream.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<BroadcastRecordHeader>(in record)));
    }
}
