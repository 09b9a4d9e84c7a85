using System.Diagnostics;
using System.Text;
using WebsocketProxy.Ipc;
using WebsocketProxy.Tests.Shared;
using static WebsocketProxy.Tests.Shared.TestTemplates;

namespace WebsocketProxy.Client.Tests;

/// <summary>Upstream drops and proxy deaths, with a real proxy process and a real upstream server.</summary>
public sealed class ResilienceTests
{
    [Fact]
    public async Task UpstreamDrop_ReconnectsReplaysPreludeAndSubscriptions_ClientSeesReconnectedThenData()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        AnswerAuthentication(server);
        var client = await context.ConnectAsync("resilient");
        var connection = await client.OpenAsync(Authenticated(server));
        var frames = new FrameCollector(connection);
        await connection.SubscribeAsync(Bars, ["AAPL"]);
        await server.WaitForMessageAsync("""{"action":"subscribe","bars":["AAPL"]}""");

        server.DropAll();
        await server.WaitForEventAsync(e => e == "open 2");
        await server.WaitForEventAsync(e => e == """recv 2 {"action":"auth","key":"k","secret":"s"}""");
        await server.WaitForEventAsync(e => e == """recv 2 {"action":"subscribe","bars":["AAPL"]}""");
        var reconnected = await frames.WaitForKindAsync(ProxyFrameKind.Reconnected);
        Assert.True(reconnected.Outage > TimeSpan.Zero);

        await server.BroadcastAsync("after");
        await frames.WaitForDataAsync("after");
        Assert.DoesNotContain(File.Exists(context.LogFile) ? File.ReadAllText(context.LogFile) : string.Empty, "secret\":\"s", StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpstreamStopsAnsweringPings_ProxyDetectsReconnectsAndShowsItInStatus()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        AnswerAuthentication(server);
        var client = await context.ConnectAsync("half-open");
        // The options travel through the command codec: without the short pong timeout the proxy would not
        // notice the dead link within the wait below.
        var connection = await client.OpenAsync(Authenticated(server) with
        {
            KeepAliveInterval = TimeSpan.FromMilliseconds(200),
            KeepAliveTimeout = TimeSpan.FromMilliseconds(300),
        });
        var frames = new FrameCollector(connection);
        server.AfterMessage = (c, text) => c.Id == 1 && text.Contains("subscribe", StringComparison.Ordinal) ? server.StopReadingAsync() : Task.CompletedTask;

        await connection.SubscribeAsync(Bars, ["AAPL"]);

        var dropped = await frames.WaitForKindAsync(ProxyFrameKind.Gap, TimeSpan.FromSeconds(8));
        Assert.Contains("Upstream dropped; reconnecting", dropped.Message, StringComparison.Ordinal);
        var reconnected = await frames.WaitForKindAsync(ProxyFrameKind.Reconnected);
        Assert.True(reconnected.Outage > TimeSpan.Zero);
        await server.WaitForEventAsync(e => e == """recv 2 {"action":"subscribe","bars":["AAPL"]}""");
        var status = await client.GetStatusAsync();
        Assert.Contains("state: connected since ", status, StringComparison.Ordinal);
        Assert.Contains("reconnects 1, last drop: The upstream connection dropped", status, StringComparison.Ordinal);
    }

    [Theory]
    [AllBackends]
    public async Task ProxySigkill_ClientRespawnsAndRestoresConnectionAndSubscriptions(IpcBackend backend)
    {
        await using var context = new ProxyTestContext(backend);
        var server = await context.StartServerAsync();
        var client = await context.ConnectAsync("survivor");
        var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var frames = new FrameCollector(connection);
        await connection.SubscribeAsync(Bars, ["AAPL", "MSFT"]);
        await server.WaitForMessageAsync("""{"action":"subscribe","bars":["AAPL","MSFT"]}""");
        var firstProxy = client.ServerId;

        using (var proxy = Process.GetProcessById((int)firstProxy))
        {
            proxy.Kill();
        }

        await frames.WaitForKindAsync(ProxyFrameKind.Gap, TimeSpan.FromSeconds(5));
        await server.WaitForEventAsync(e => e == "open 2", TimeSpan.FromSeconds(30));
        await server.WaitForEventAsync(e => e == """recv 2 {"action":"subscribe","bars":["AAPL","MSFT"]}""");
        await frames.WaitForKindAsync(ProxyFrameKind.Reconnected);
        Assert.NotEqual(firstProxy, client.ServerId);

        await server.BroadcastAsync("back");
        await frames.WaitForDataAsync("back");
        await connection.SendAsync(Encoding.UTF8.GetBytes("ping"));
        await server.WaitForMessageAsync("ping");
    }

    [Theory]
    [AllBackends]
    public async Task Dispose_LastClientLeaves_ProxyExitsAfterGracePeriod(IpcBackend backend)
    {
        await using var context = new ProxyTestContext(backend);
        var client = await context.ConnectAsync("short-lived", graceSeconds: 0.5);
        using var proxy = Process.GetProcessById((int)client.ServerId);
        Assert.True(context.ProxyRunning);

        await client.DisposeAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await proxy.WaitForExitAsync(timeout.Token);
        Assert.False(context.ProxyRunning);
    }

    /// <summary>The test server answers the prelude's auth message as an Alpaca-like service does.</summary>
    private static void AnswerAuthentication(TestWebSocketServer server) =>
        server.Responder = (_, text) => text.Contains("\"auth\"", StringComparison.Ordinal) ? """[{"T":"success","msg":"authenticated"}]""" : null;

    /// <summary>A connection that authenticates with a prelude and reconnects quickly.</summary>
    private static ProxyConnectionOptions Authenticated(TestWebSocketServer server) => new()
    {
        Url = server.Url,
        Prelude = ["""{"action":"auth","key":"k","secret":"s"}"""],
        ReadinessMarker = "authenticated",
        InitialBackoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
    };
}
