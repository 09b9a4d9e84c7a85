using System.Diagnostics.Metrics;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using WebsocketProxy.Client;
using WebsocketProxy.Protocol;
using WebsocketProxy.Server.Diagnostics;
using WebsocketProxy.Server.Upstream;
using WebsocketProxy.Tests.Shared;
using static WebsocketProxy.Tests.Shared.TestTemplates;

namespace WebsocketProxy.Server.Tests.Upstream;

/// <summary>An upstream connection against a real Kestrel WebSocket server.</summary>
public sealed class UpstreamConnectionTests : IAsyncLifetime
{
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
    public async Task Start_PreludeAndReadinessMarker_ReadyOnlyAfterMarker()
    {
        _server.Responder = (_, text) => text == "auth" ? "authenticated" : null;
        var connection = Create(Options() with { Prelude = ["auth"], ReadinessMarker = "authenticated" });

        await connection.StartAsync();

        // Opened is raised before StartAsync returns; the marker's data event may be recorded before or after it.
        Assert.Contains("Opened", _events.Seen);
        await _events.WaitForAsync(l => l == "data authenticated");
        Assert.Equal(["auth"], _server.Received);
    }

    [Fact]
    public async Task Drop_ReconnectsReplaysPreludeAndTopicsIncludingChangesDuringOutage()
    {
        using var listener = new MeterListener();
        var reconnects = new StrongBox<long>();
        var framesReceived = new StrongBox<long>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == _metrics.Meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            var box = instrument.Name switch { "wsproxy.upstream.reconnects" => reconnects, "wsproxy.upstream.frames_received" => framesReceived, _ => null };
            if (box is not null)
            {
                Interlocked.Add(ref box.Value, value);
            }
        });
        listener.Start();
        _server.Responder = (_, text) => text == "auth" ? "authenticated" : null;
        var connection = Create(Options() with { Prelude = ["auth"], ReadinessMarker = "authenticated" });
        await connection.StartAsync();
        await connection.RegisterTemplateAsync(1, 1, Bars);
        await connection.SubscribeAsync(1, 1, ["AAPL"]);
        await _server.WaitForMessageAsync("""{"action":"subscribe","bars":["AAPL"]}""");
        _server.Accept = _ => false;

        _server.DropAll();
        await _events.WaitForAsync(l => l.StartsWith("Disconnected", StringComparison.Ordinal));
        await connection.RegisterTemplateAsync(2, 1, Bars);
        await connection.SubscribeAsync(2, 1, ["MSFT"]);
        await connection.UnsubscribeAsync(1, 1, ["AAPL"]);
        _server.Accept = null;

        var reconnected = await _events.WaitForAsync(l => l == "Reconnected");
        Assert.True(reconnected.Argument > 0);
        Assert.Equal(1, reconnects.Value);
        Assert.True(framesReceived.Value >= 2);
        await _server.WaitForEventAsync(e => e.EndsWith("""{"action":"subscribe","bars":["MSFT"]}""", StringComparison.Ordinal));
        Assert.Equal(["auth", """{"action":"subscribe","bars":["AAPL"]}""", "auth", """{"action":"subscribe","bars":["MSFT"]}"""], _server.Received);
    }

    [Fact]
    public async Task Drop_DataAnsweringTheRestore_ComesAfterReconnected()
    {
        // Many groups, so the restore sends many subscribes one after another; the server answers the first at once
        // with data. That data must not reach clients ahead of the Reconnected it follows (a consumer would take it
        // for data of the session that dropped).
        const int Groups = 100;
        _server.Responder = (_, text) => text == "auth" ? "authenticated" : text.Contains("\"g0\"", StringComparison.Ordinal) ? "fresh" : null;
        var connection = Create(Options() with { Prelude = ["auth"], ReadinessMarker = "authenticated" });
        await connection.StartAsync();
        for (var group = 0; group < Groups; group++)
        {
            await connection.RegisterTemplateAsync(1, group + 1, new SubscriptionTemplate
            {
                Group = $"g{group}",
                Subscribe = $$$"""{"action":"subscribe","g{{{group}}}":[{topics}]}""",
                Unsubscribe = $$$"""{"action":"unsubscribe","g{{{group}}}":[{topics}]}""",
            });
            await connection.SubscribeAsync(1, group + 1, ["AAPL"]);
        }

        await _events.WaitForAsync(l => l == "data fresh");
        _server.DropAll();
        await _events.WaitForAsync(l => l.StartsWith("Disconnected", StringComparison.Ordinal));

        await _events.WaitForAsync(l => l == "Reconnected");
        await _server.WaitForEventAsync(e => e.EndsWith($$$"""{"action":"subscribe","g{{{Groups - 1}}}":["AAPL"]}""", StringComparison.Ordinal));
        var afterDrop = _events.Seen.SkipWhile(l => !l.StartsWith("Disconnected", StringComparison.Ordinal)).ToList();
        var reconnectedAt = afterDrop.IndexOf("Reconnected");
        var freshAt = afterDrop.IndexOf("data fresh");
        Assert.True(freshAt < 0 || reconnectedAt < freshAt, $"after the drop: [{string.Join(" | ", afterDrop)}]");
        await _events.WaitForAsync(l => l == "data fresh");
    }

    [Fact]
    public async Task Drop_NewSessionDropsWhileItsSubscriptionsAreSentAgain_ReconnectsAgainInsteadOfClosing()
    {
        // A flapping service: the session after the drop is closed as its first subscription arrives, while the
        // restore is still sending the others (about 10 MB of them, more than the loopback socket buffers hold, so
        // it certainly is). That is one more drop to reconnect from, not a reason to give up: it was Error and
        // Closed ("Restoring subscriptions failed: the WebSocket is in an invalid state").
        const int Topics = 250_000;
        const int Messages = Topics / 100;
        _server.Responder = (_, text) => text == "auth" ? "authenticated" : null;
        var connection = Create(Options() with { Prelude = ["auth"], ReadinessMarker = "authenticated" });
        await connection.StartAsync();
        await connection.RegisterTemplateAsync(1, 1, Bars);
        await connection.SubscribeAsync(1, 1, [.. Enumerable.Range(0, Topics).Select(i => $"SYMBOL{i:D34}")]);
        _server.AfterMessage = (c, text) =>
        {
            if (c.Id == 2 && text.StartsWith("""{"action":"subscribe""", StringComparison.Ordinal))
            {
                c.Socket.Abort();
            }

            return Task.CompletedTask;
        };

        _server.DropAll();

        await _events.WaitForAsync(l => l.StartsWith("Disconnected", StringComparison.Ordinal));
        await _server.WaitForEventAsync(e => e == "open 3", TimeSpan.FromSeconds(30));
        await _events.WaitForAsync(l => l == "Reconnected", TimeSpan.FromSeconds(30));
        for (var received = 0; received < Messages; received++)
        {
            await _server.WaitForEventAsync(e => e.StartsWith("recv 3 {\"action\":\"subscribe\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        }

        // The session that dropped while restoring was never announced: the clients' outage just goes on.
        Assert.Equal(["Opened", "Disconnected", "Reconnected"], _events.Seen.Where(l => !l.StartsWith("data", StringComparison.Ordinal)).Select(l => l.Split(' ')[0]));
        Assert.True(connection.Health.Connected);
    }

    [Fact]
    public async Task Drop_MoreArrivesWhileRestoringThanMayBeHeld_HeldThenLostWithTheCount()
    {
        // The new session sends three messages right after its readiness reply, while the restore still has about
        // 10 MB of subscriptions to send (more than the loopback socket buffers hold, so it is still sending). The
        // hold takes 4 bytes: the first message, then the loss is counted from the second on, the third included
        // though it would fit, so that the Gap stands where the loss began.
        const int Topics = 250_000;
        _server.Responder = (_, text) => text == "auth" ? "authenticated" : null;
        var connection = new UpstreamConnection(1, "key", Options() with { Prelude = ["auth"], ReadinessMarker = "authenticated" }, _events, NullLogger.Instance, TimeProvider.System, _metrics) { MaxHeldBytes = 4 };
        _connections.Add(connection);
        await connection.StartAsync();
        await connection.RegisterTemplateAsync(1, 1, Bars);
        await connection.SubscribeAsync(1, 1, [.. Enumerable.Range(0, Topics).Select(i => $"SYMBOL{i:D34}")]);
        _server.AfterMessage = async (c, text) =>
        {
            if (c.Id == 2 && text == "auth")
            {
                await c.SendAsync("a");
                await c.SendAsync("bbbbbb");
                await c.SendAsync("c");
            }
        };

        _server.DropAll();
        await _events.WaitForAsync(l => l == "Reconnected", TimeSpan.FromSeconds(30));
        var lost = await _events.WaitForAsync(l => l.StartsWith("Lost", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        Assert.Equal(2, lost.Argument);
        var afterDrop = _events.Seen.SkipWhile(l => !l.StartsWith("Disconnected", StringComparison.Ordinal)).Skip(1).Select(l => l.Split(' ')[0] + (l.StartsWith("data", StringComparison.Ordinal) ? " " + l[5..] : string.Empty)).ToList();
        Assert.Equal(["data authenticated", "Reconnected", "data a", "Lost"], afterDrop);
    }

    [Fact]
    public async Task Drop_SendAsSoonAsReconnectedIsPublished_SucceedsAfterTheRestoredSubscriptions()
    {
        // A client told Reconnected may send at once (Alpaca's trading consumers reconcile then): the session takes
        // messages by then, and what it sends goes out after the restored subscriptions. When Reconnected came before
        // the restore, this send was refused ("reconnecting; the message was not sent").
        _server.Responder = (_, text) => text == "auth" ? "authenticated" : null;
        var connection = Create(Options() with { Prelude = ["auth"], ReadinessMarker = "authenticated" });
        await connection.StartAsync();
        await connection.RegisterTemplateAsync(1, 1, Bars);
        await connection.SubscribeAsync(1, 1, ["AAPL"]);
        await _server.WaitForMessageAsync("""{"action":"subscribe","bars":["AAPL"]}""");
        Task? sent = null;
        _events.OnPublished = kind =>
        {
            if (kind == EventKind.Reconnected)
            {
                sent = connection.SendAsync("after"u8.ToArray(), WebSocketMessageType.Text, CancellationToken.None);
            }
        };

        _server.DropAll();
        await _events.WaitForAsync(l => l == "Reconnected");

        await sent!.WaitAsync(TimeSpan.FromSeconds(30));
        await _server.WaitForMessageAsync("after", TimeSpan.FromSeconds(30));
        Assert.Equal(["auth", """{"action":"subscribe","bars":["AAPL"]}""", "auth", """{"action":"subscribe","bars":["AAPL"]}""", "after"], _server.Received);
    }

    [Fact]
    public async Task Drop_ReconnectedPublished_TheRestoredSubscriptionIsOnTheWireAlready()
    {
        // As Reconnected is published, the server gets the restored subscription without anything more from the
        // proxy: the connection's thread waits right there for the server to see it. Before, the restore began only
        // after Reconnected, so the server never saw it while the thread waited.
        _server.Responder = (_, text) => text == "auth" ? "authenticated" : null;
        var connection = Create(Options() with { Prelude = ["auth"], ReadinessMarker = "authenticated" });
        await connection.StartAsync();
        await connection.RegisterTemplateAsync(1, 1, Bars);
        await connection.SubscribeAsync(1, 1, ["AAPL"]);
        await _server.WaitForMessageAsync("""{"action":"subscribe","bars":["AAPL"]}""");
        bool? onTheWire = null;
        _events.OnPublished = kind =>
        {
            if (kind == EventKind.Reconnected)
            {
                onTheWire = SpinWait.SpinUntil(() => _server.Received.Count(m => m.Contains("\"subscribe\"", StringComparison.Ordinal)) == 2, TimeSpan.FromSeconds(30));
            }
        };

        _server.DropAll();
        await _events.WaitForAsync(l => l == "Reconnected", TimeSpan.FromSeconds(60));

        Assert.True(onTheWire, $"the server saw no restored subscription while Reconnected was published: [{string.Join(" | ", _server.Received)}]");
    }

    [Fact]
    public async Task Messages_TextBinaryAndLarge_DeliveredWholeWithTheirType()
    {
        var connection = Create(Options());
        await connection.StartAsync();
        var big = new byte[3 << 20];
        Random.Shared.NextBytes(big);

        await _server.OpenConnections.Single().SendAsync("hello");
        await _server.OpenConnections.Single().SendAsync(big, WebSocketMessageType.Binary);

        await _events.WaitForAsync(l => l == "data hello");
        var binary = await _events.WaitForAsync(l => l.StartsWith("binary", StringComparison.Ordinal));
        Assert.Equal(WebSocketMessageType.Binary, binary.Type);
        Assert.Equal(big, binary.Payload);
    }

    [Fact]
    public async Task Start_FatalMarker_FailsWithClearFatalError()
    {
        _server.Responder = (_, _) => """[{"T":"error","code":402,"msg":"auth failed"}]""";
        var connection = Create(Options() with { Prelude = ["auth"], ReadinessMarker = "authenticated", FatalMarkers = ["auth failed"] });

        var error = await Assert.ThrowsAsync<UpstreamException>(connection.StartAsync);

        Assert.True(error.IsFatal);
        Assert.Contains("auth failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_FatalCloseCode_ClosedForGoodWithoutReconnect()
    {
        var connection = Create(Options() with { FatalCloseCodes = [4001] });
        await connection.StartAsync();

        await _server.CloseAllAsync((WebSocketCloseStatus)4001, "go away");

        await _events.WaitForAsync(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("4001", StringComparison.Ordinal));
        await _events.WaitForAsync(l => l.StartsWith("Closed", StringComparison.Ordinal));
        Assert.Equal(1, _server.AcceptedCount);
    }

    [Fact]
    public async Task Watchdog_NoDataWhileSubscribed_ForcesReconnect()
    {
        var connection = Create(Options() with { StaleDataTimeout = TimeSpan.FromMilliseconds(300) });
        await connection.StartAsync();
        await connection.RegisterTemplateAsync(1, 1, Bars);
        await connection.SubscribeAsync(1, 1, ["AAPL"]);

        await _events.WaitForAsync(l => l.StartsWith("Disconnected", StringComparison.Ordinal) && l.Contains("stale", StringComparison.Ordinal));
        await _events.WaitForAsync(l => l == "Reconnected");
        await _server.WaitForEventAsync(e => e == """recv 2 {"action":"subscribe","bars":["AAPL"]}""");
    }

    [Fact]
    public async Task Start_UnreachableHost_ClearError()
    {
        var connection = Create(new ProxyConnectionOptions { Url = new Uri("ws://127.0.0.1:1/none") });

        var error = await Assert.ThrowsAsync<UpstreamException>(connection.StartAsync);

        Assert.Contains("Cannot connect to ws://127.0.0.1:1/none", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_WhileReconnecting_FailsAtOnce()
    {
        var connection = Create(Options() with { InitialBackoff = TimeSpan.FromSeconds(30), MaxBackoff = TimeSpan.FromSeconds(30) });
        await connection.StartAsync();
        _server.Accept = _ => false;
        _server.DropAll();
        await _events.WaitForAsync(l => l.StartsWith("Disconnected", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<UpstreamException>(() => connection.SendAsync("x"u8.ToArray(), WebSocketMessageType.Text, CancellationToken.None));

        Assert.Contains("reconnecting", error.Message, StringComparison.Ordinal);
    }

    private ProxyConnectionOptions Options() => new()
    {
        Url = _server.Url,
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
