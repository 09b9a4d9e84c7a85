using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WebsocketProxy.Protocol;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Client.Tests;

/// <summary>Every client of one proxy instance in a process shares one registration, pump and recovery.</summary>
public sealed partial class SharedClientTests
{
    [Fact]
    public async Task ConnectAsync_ThreeClientsOfOneInstance_OneRegistrationListedOnce()
    {
        await using var context = new ProxyTestContext();
        var stocks = await context.ConnectAsync("stocks");
        var crypto = await context.ConnectAsync("crypto");
        var news = await context.ConnectAsync("news");

        Assert.Equal(stocks.Registration.ClientId, crypto.Registration.ClientId);
        Assert.Equal(stocks.Registration.ClientId, news.Registration.ClientId);
        var status = await news.GetStatusAsync();
        Assert.Single(ClientLine().Matches(status));
        Assert.Contains(" stocks pid ", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_OneOfTwoClientsOnOneConnection_ReleasesOnlyItsOwnHandlesAndSubscriptions()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var leaving = await context.ConnectAsync("leaving");
        var staying = await context.ConnectAsync("staying");
        var leavingConnection = await leaving.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var stayingConnection = await staying.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        Assert.Equal(leavingConnection.Id, stayingConnection.Id);
        var leavingFrames = new FrameCollector(leavingConnection);
        var stayingFrames = new FrameCollector(stayingConnection);
        await leavingConnection.SubscribeAsync(TestTemplates.Bars, ["AAPL", "MSFT"]);
        await server.WaitForMessageAsync("""{"action":"subscribe","bars":["AAPL","MSFT"]}""");
        await stayingConnection.SubscribeAsync(TestTemplates.Bars, ["AAPL"]);

        await leaving.DisposeAsync();

        // Only what the leaving client alone held is released upstream; the connection and the other client stay.
        await server.WaitForMessageAsync("""{"action":"unsubscribe","bars":["MSFT"]}""");
        await leavingFrames.WaitForKindAsync(ProxyFrameKind.Closed);
        Assert.Empty(leaving.Connections);
        Assert.Equal([stayingConnection], staying.Connections);
        await server.BroadcastAsync("after");
        await stayingFrames.WaitForDataAsync("after");
        Assert.False(((WebsocketProxy.Client.Internal.ConnectionHandle)stayingConnection).IsClosed);
        Assert.Equal(1, server.AcceptedCount);
        Assert.Contains("bars/AAPL: 1", await staying.GetStatusAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("bars/MSFT", await staying.GetStatusAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_LastClient_ReleasesTheRegistration_NextConnectRegistersAnew()
    {
        await using var context = new ProxyTestContext();
        var first = await context.ConnectAsync("first");
        var second = await context.ConnectAsync("second");
        var id = first.Registration.ClientId;

        await first.DisposeAsync();
        Assert.True(File.Exists(ProxyNames.ClientLease(context.Instance, id)), "The registration went with the first of two clients.");
        Assert.Contains(" first pid ", await second.GetStatusAsync(), StringComparison.Ordinal);

        await second.DisposeAsync();
        Assert.False(File.Exists(ProxyNames.ClientLease(context.Instance, id)), "The last client left the registration behind.");

        var third = await context.ConnectAsync("third");
        Assert.NotEqual(id, third.Registration.ClientId);
        Assert.Contains(" third pid ", await third.GetStatusAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_InstanceWideSettingsDiffer_RefusedNamingThem()
    {
        await using var context = new ProxyTestContext();
        await context.ConnectAsync("first");

        var clock = await Assert.ThrowsAsync<ArgumentException>(() =>
            WebsocketProxyClient.ConnectAsync(context.ClientOptions("other-clock") with { TimeProvider = new FakeTimeProvider() }));
        Assert.Contains("TimeProvider", clock.Message, StringComparison.Ordinal);
        var path = await Assert.ThrowsAsync<ArgumentException>(() =>
            WebsocketProxyClient.ConnectAsync(context.ClientOptions("other-path") with { ProxyPath = "/elsewhere/websocket-proxy" }));
        Assert.Contains("ProxyPath", path.Message, StringComparison.Ordinal);

        // Per-client settings may differ, and a client that never starts a proxy joins whatever starts it.
        await using var probe = await WebsocketProxyClient.ConnectAsync(context.ClientOptions("probe") with
        {
            StartProxy = false,
            ProxyPath = null,
            RequestTimeout = TimeSpan.FromSeconds(5),
            FrameBufferCapacity = 8,
            Logger = null,
        });
        Assert.Single(ClientLine().Matches(await probe.GetStatusAsync()));
    }

    [Fact]
    public async Task Callbacks_TwoClientsWithTheirOwn_EachToldOfItsOwnConnectionsOnly()
    {
        await using var context = new ProxyTestContext();
        var stockServer = await context.StartServerAsync();
        var newsServer = await context.StartServerAsync();
        var stockEvents = new RecordingCallback();
        var newsEvents = new RecordingCallback();
        var stocks = await WebsocketProxyClient.ConnectAsync(context.ClientOptions("stocks") with { Callback = stockEvents });
        await using var stocksOwned = stocks;
        var news = await WebsocketProxyClient.ConnectAsync(context.ClientOptions("news") with { Callback = newsEvents });
        await using var newsOwned = news;
        var stockConnection = await stocks.OpenAsync(new ProxyConnectionOptions { Url = stockServer.Url });
        var newsConnection = await news.OpenAsync(new ProxyConnectionOptions { Url = newsServer.Url });

        await stockServer.BroadcastAsync("bar");
        await newsServer.BroadcastAsync("headline");
        await stockEvents.Data.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await newsEvents.Data.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([stockConnection.Id], stockEvents.Opened);
        Assert.Equal([newsConnection.Id], newsEvents.Opened);
        Assert.Equal([stockConnection.Id], stockEvents.DataOn);
        Assert.Equal([newsConnection.Id], newsEvents.DataOn);
        Assert.Contains(stockEvents.Logs, l => l.Contains($"Connection {stockConnection.Id} ", StringComparison.Ordinal));
        Assert.DoesNotContain(newsEvents.Logs, l => l.Contains($"Connection {stockConnection.Id} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CloseAsync_ConnectionHeldOnlyByAnotherClientOfTheProcess_RefusedAndLeftOpen()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var owner = await context.ConnectAsync("owner");
        var other = await context.ConnectAsync("other");
        var connection = await owner.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var frames = new FrameCollector(connection);

        var error = await Assert.ThrowsAsync<WebsocketProxyException>(() => other.CloseAsync(connection.Id));
        Assert.Contains("not held by this client", error.Message, StringComparison.Ordinal);
        await server.BroadcastAsync("still-open");
        await frames.WaitForDataAsync("still-open");
    }

    [Fact]
    public async Task ProxyKilled_TwoClientsOfTheProcess_OneRecoveryRestoresBoth_EachCallbackToldOnce()
    {
        await using var context = new ProxyTestContext();
        var stockServer = await context.StartServerAsync();
        var newsServer = await context.StartServerAsync();
        var stockEvents = new RecordingCallback();
        var newsEvents = new RecordingCallback();
        await using var stocks = await WebsocketProxyClient.ConnectAsync(context.ClientOptions("stocks") with { Callback = stockEvents });
        await using var news = await WebsocketProxyClient.ConnectAsync(context.ClientOptions("news") with { Callback = newsEvents });
        var stockFrames = new FrameCollector(await stocks.OpenAsync(new ProxyConnectionOptions { Url = stockServer.Url }));
        var newsConnection = await news.OpenAsync(new ProxyConnectionOptions { Url = newsServer.Url });
        var newsFrames = new FrameCollector(newsConnection);
        await newsConnection.SubscribeAsync(TestTemplates.Bars, ["AAPL"]);
        await newsServer.WaitForMessageAsync("""{"action":"subscribe","bars":["AAPL"]}""");
        var killed = (int)stocks.ServerId;

        ProcessSignals.Kill(killed);

        await stockFrames.WaitForKindAsync(ProxyFrameKind.Reconnected);
        await newsFrames.WaitForKindAsync(ProxyFrameKind.Reconnected);
        await newsServer.WaitForMessageAsync("""{"action":"subscribe","bars":["AAPL"]}""");
        Assert.NotEqual(killed, (int)news.ServerId);
        Assert.Equal(stocks.Registration.ClientId, news.Registration.ClientId);
        Assert.Equal(1, stockEvents.ServerDisconnects);
        Assert.Equal(1, newsEvents.ServerDisconnects);
        Assert.Single(ClientLine().Matches(await news.GetStatusAsync()));
        await stockServer.BroadcastAsync("stock-after");
        await newsServer.BroadcastAsync("news-after");
        await stockFrames.WaitForDataAsync("stock-after");
        await newsFrames.WaitForDataAsync("news-after");
    }

    /// <summary>
    /// The issue's case: one process with a stock, a crypto and a news stream object, each connecting its own client
    /// as the typed layer does. The proxy lists the process once, and it runs one frame thread and one reply thread.
    /// </summary>
    [PlatformFact(TestPlatforms.Linux, "the test client counts threads by name in /proc")]
    [SupportedOSPlatform("linux")]
    public async Task OneProcess_StockCryptoAndNewsClients_ProxyListsOneClient_OneFrameThread()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var process = context.StartProcess("strategy");
        await process.WaitForLineAsync(l => l.StartsWith("ready ", StringComparison.Ordinal));
        await process.RequestAsync($"open {server.Url}/stocks", "opened ");
        await process.RequestAsync("connect crypto", "connected");
        await process.RequestAsync($"open {server.Url}/crypto", "opened ");
        await process.RequestAsync("connect news", "connected");
        await process.RequestAsync($"open {server.Url}/news", "opened ");
        Assert.Equal(3, server.AcceptedCount);

        var status = (await process.RequestAsync("status", "status ")).Replace('|', '\n');
        var clients = ClientLine().Matches(status);
        Assert.True(clients.Count == 1, status);
        Assert.Contains($" strategy pid {process.ProcessId}: connections 3,", status, StringComparison.Ordinal);
        Assert.Equal("threads 1", await process.RequestAsync("threads wsproxy-frames", "threads "));
        Assert.Equal("threads 1", await process.RequestAsync("threads wsproxy-replies", "threads "));

        await server.BroadcastAsync("to-all");
        for (var i = 0; i < 3; i++)
        {
            await process.WaitForLineAsync(l => l == "data to-all");
        }
    }

    [GeneratedRegex(@"^  [0-9a-f]{16} .+ pid \d+: connections", RegexOptions.Multiline)]
    private static partial Regex ClientLine();

    private sealed class RecordingCallback : IWebsocketProxyCallback
    {
        private int _serverDisconnects;

        public System.Threading.Channels.Channel<long> Data { get; } = System.Threading.Channels.Channel.CreateUnbounded<long>();

        public System.Collections.Concurrent.ConcurrentQueue<long> Opened { get; } = new();

        public System.Collections.Concurrent.ConcurrentQueue<long> DataOn { get; } = new();

        public System.Collections.Concurrent.ConcurrentQueue<string> Logs { get; } = new();

        public void OnOpened(long connectionId) => Opened.Enqueue(connectionId);

        public void OnData(long connectionId, ReadOnlySpan<byte> data, System.Net.WebSockets.WebSocketMessageType messageType, int remaining)
        {
            DataOn.Enqueue(connectionId);
            Data.Writer.TryWrite(connectionId);
        }

        public int ServerDisconnects => Volatile.Read(ref _serverDisconnects);

        public void OnLog(LogLevel level, string message) => Logs.Enqueue(message);

        public void OnServerDisconnected() => Interlocked.Increment(ref _serverDisconnects);
    }
}
