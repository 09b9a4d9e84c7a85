using System.Net.WebSockets;
using Microsoft.Extensions.Logging.Abstractions;
using WebsocketProxy.Client;
using WebsocketProxy.Server.Diagnostics;
using WebsocketProxy.Server.Upstream;
using WebsocketProxy.Tests.Shared;
using static WebsocketProxy.Tests.Shared.TestTemplates;

namespace WebsocketProxy.Server.Tests.Upstream;

/// <summary>
/// What real services do to a connection (issue 10): a drop followed by "connection limit" refusals, a half-open
/// link, a service that accepts and closes at once, and refusals the proxy does not know. Real Kestrel servers.
/// </summary>
public sealed class UpstreamConnectionFieldFailureTests : IAsyncLifetime
{
    private const string Limit = """[{"T":"error","code":406,"msg":"connection limit exceeded"}]""";
    private const string Internal = """[{"T":"error","code":500,"msg":"internal error"}]""";
    private const string Subscribe = """{"action":"subscribe","bars":["AAPL"]}""";
    private readonly RecordingEvents _events = new();
    private readonly ProxyMetrics _metrics = new();
    private readonly List<UpstreamConnection> _connections = [];
    private TestWebSocketServer _server = null!;
    private volatile string? _refusal;
    private int _refused;

    public async Task InitializeAsync()
    {
        _server = await TestWebSocketServer.StartAsync();
        _server.Responder = (_, text) =>
        {
            if (text != "auth")
            {
                return null;
            }

            if (_refusal is { } refusal)
            {
                Interlocked.Increment(ref _refused);
                return refusal;
            }

            return """[{"T":"success","msg":"authenticated"}]""";
        };
    }

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
    public async Task Reconnect_LimitRefusalsAfterDrop_RetriesUntilAcceptedAndRestoresTopics()
    {
        // MaxRefusals 0: were 406 counted as an unknown refusal, the first one would end the connection.
        var connection = Create(Options() with { MaxRefusals = 0 });
        await connection.StartAsync();
        await connection.RegisterTemplateAsync(1, 1, Bars);
        await connection.SubscribeAsync(1, 1, ["AAPL"]);
        await _server.WaitForMessageAsync(Subscribe);
        _refusal = Limit;

        _server.DropAll();
        await _events.WaitForAsync(l => l.StartsWith("Disconnected", StringComparison.Ordinal));
        await WaitUntilAsync(() => Volatile.Read(ref _refused) >= 3);
        Assert.False(connection.Health.Connected);
        _refusal = null;

        var reconnected = await _events.WaitForAsync(l => l == "Reconnected");
        Assert.True(reconnected.Argument > 0);
        var last = _server.AcceptedCount;
        await _server.WaitForEventAsync(e => e == $"recv {last} {Subscribe}");
        Assert.Equal(1, connection.Health.Reconnects);
        Assert.True(connection.Health.Connected);
        Assert.Contains("dropped", connection.Health.LastDrop, StringComparison.Ordinal);
        Assert.DoesNotContain(_events.Seen, l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_Restoring_AnsweredAfterTheFirstRefusalWaitsOutTheRestAndSendsTheCountedTopicsWhenAccepted()
    {
        // A proxy that died left its session counted upstream: the new proxy's first connect is a reconnect.
        _refusal = Limit;
        var connection = Create(Options() with { MaxRefusals = 0 }, restoring: true);

        await connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await connection.RegisterTemplateAsync(1, 1, Bars);
        await connection.SubscribeAsync(1, 1, ["AAPL"]);
        await WaitUntilAsync(() => Volatile.Read(ref _refused) >= 3);
        Assert.False(connection.Health.Connected);
        Assert.DoesNotContain(_events.Seen, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Closed", StringComparison.Ordinal));
        _refusal = null;

        var reconnected = await _events.WaitForAsync(l => l == "Reconnected");
        Assert.True(reconnected.Argument > 0, "the outage since the restore began");
        await _server.WaitForMessageAsync(Subscribe);
        Assert.True(connection.Health.Connected);
    }

    [Fact]
    public async Task Start_RestoringAcceptedAtOnce_IsOpenedAsAnyFirstConnection()
    {
        var connection = Create(Options(), restoring: true);

        await connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(connection.Health.Connected);
        await _events.WaitForAsync(l => l.StartsWith("Opened", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_RestoringRefusedFatally_FailsTheOpen()
    {
        _refusal = """[{"T":"error","code":402,"msg":"auth failed"}]""";
        var connection = Create(Options(), restoring: true);

        var error = await Assert.ThrowsAsync<UpstreamException>(connection.StartAsync);

        Assert.True(error.IsFatal);
        Assert.Contains("auth failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_RestoringBeyondTheWindow_GivesUpWithErrorThenClosed()
    {
        _refusal = Limit;
        var connection = Create(Options() with { RetryAfterDropWindow = TimeSpan.FromMilliseconds(300) }, restoring: true);

        await connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var error = await _events.WaitForAsync(l => l.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains("RetryAfterDropWindow", error.Line, StringComparison.Ordinal);
        await _events.WaitForAsync(l => l.StartsWith("Closed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_LimitRefusalOnFirstConnection_FailsAtOnceQuotingTheServer()
    {
        _refusal = Limit;
        var connection = Create(Options());

        var error = await Assert.ThrowsAsync<UpstreamException>(connection.StartAsync);

        Assert.Contains("\"code\":406", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.AcceptedCount);
    }

    [Fact]
    public async Task Reconnect_LimitRefusalsBeyondWindow_ClosedForGoodWithClearError()
    {
        var connection = Create(Options() with { RetryAfterDropWindow = TimeSpan.FromSeconds(2) });
        await connection.StartAsync();
        _refusal = Limit;

        _server.DropAll();

        var error = await _events.WaitForAsync(l => l.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains("kept refusing the session", error.Line, StringComparison.Ordinal);
        Assert.Contains("RetryAfterDropWindow", error.Line, StringComparison.Ordinal);
        Assert.Contains("\"code\":406", error.Line, StringComparison.Ordinal);
        await _events.WaitForAsync(l => l.StartsWith("Closed", StringComparison.Ordinal));
        Assert.True(Volatile.Read(ref _refused) >= 2);
    }

    [Fact]
    public async Task KeepAlive_UpstreamStopsReading_DetectedReportedAndReconnected()
    {
        var connection = Create(Options() with { KeepAliveInterval = TimeSpan.FromMilliseconds(200), KeepAliveTimeout = TimeSpan.FromMilliseconds(300) });
        await connection.StartAsync();
        // The first connection stops reading after the subscription: no pongs, no close, TCP still open.
        _server.AfterMessage = (c, text) => c.Id == 1 && text == Subscribe ? _server.StopReadingAsync() : Task.CompletedTask;

        await connection.RegisterTemplateAsync(1, 1, Bars);
        await connection.SubscribeAsync(1, 1, ["AAPL"]);

        var dropped = await _events.WaitForAsync(l => l.StartsWith("Disconnected", StringComparison.Ordinal));
        await _events.WaitForAsync(l => l == "Reconnected");
        await _server.WaitForEventAsync(e => e == $"recv 2 {Subscribe}");
        Assert.Equal(1, connection.Health.Reconnects);
        Assert.Equal(dropped.Line["Disconnected ".Length..], connection.Health.LastDrop);
    }

    [Fact]
    public async Task Reconnect_ServiceClosesRightAfterAuthentication_DelaysGrowAcrossShortSessions()
    {
        var initial = TimeSpan.FromMilliseconds(100);
        _server.AfterMessage = async (c, text) =>
        {
            if (text == "auth")
            {
                await c.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            }
        };
        var connection = Create(Options() with { InitialBackoff = initial, MaxBackoff = TimeSpan.FromSeconds(5) });
        await connection.StartAsync();

        await WaitUntilAsync(() => _server.AcceptedCount >= 5);

        // Reconnect k after a short session waits at least half of initial·2^(k-1) (jitter keeps [half, whole]);
        // without the carried-over backoff every first attempt after a drop is immediate. Timers count whole
        // milliseconds, so one may fire a millisecond or two before a high-resolution clock says it is due.
        var accepted = _server.AcceptedAt.ToArray();
        for (var k = 1; k < 5; k++)
        {
            var gap = TimeProvider.System.GetElapsedTime(accepted[k - 1], accepted[k]);
            var least = (initial * Math.Pow(2, k - 1) / 2) - TimeSpan.FromMilliseconds(2);
            Assert.True(gap >= least, $"Reconnect {k} came {gap.TotalMilliseconds:0} ms after the previous one; at least {least.TotalMilliseconds:0} ms expected.");
        }
    }

    [Fact]
    public async Task Reconnect_UnknownRefusalKeepsComing_BoundedAttemptsThenClosedForGood()
    {
        var connection = Create(Options() with { MaxRefusals = 2 });
        await connection.StartAsync();
        _refusal = Internal;

        _server.DropAll();

        var error = await _events.WaitForAsync(l => l.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains("refused the session 3 times in a row", error.Line, StringComparison.Ordinal);
        Assert.Contains("\"code\":500", error.Line, StringComparison.Ordinal);
        await _events.WaitForAsync(l => l.StartsWith("Closed", StringComparison.Ordinal));
        Assert.Equal(4, _server.AcceptedCount);
    }

    [Fact]
    public async Task Reconnect_RefusalRightAfterAuthenticationEachTime_BoundedLikeAnyRefusal()
    {
        // Authenticated, then an error and a close at once: short sessions that each end in a refusal.
        _server.AfterMessage = async (c, text) =>
        {
            if (text == "auth" && c.Id > 1)
            {
                await c.SendAsync(Internal);
                await c.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            }
        };
        var connection = Create(Options() with { MaxRefusals = 1 });
        await connection.StartAsync();

        _server.DropAll();

        var error = await _events.WaitForAsync(l => l.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains("refused the session 2 times in a row", error.Line, StringComparison.Ordinal);
        Assert.Equal(3, _server.AcceptedCount);
    }

    [Fact]
    public void Backoff_Levels_CappedAndWithinHalfToWhole()
    {
        var initial = TimeSpan.FromMilliseconds(100);
        var max = TimeSpan.FromSeconds(1);

        Assert.Equal(TimeSpan.FromMilliseconds(50), UpstreamConnection.Backoff(0, initial, max, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(400), UpstreamConnection.Backoff(2, initial, max, 1));
        Assert.Equal(max, UpstreamConnection.Backoff(60, initial, max, 1));
        Assert.Equal(max / 2, UpstreamConnection.Backoff(62, initial, max, 0));
    }

    private async Task WaitUntilAsync(Func<bool> condition, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(condition))] string what = "")
    {
        var deadline = TimeProvider.System.GetTimestamp() + (30 * TimeProvider.System.TimestampFrequency);
        while (!condition())
        {
            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Not reached within 30 s: {what}. Upstream events: [{string.Join(" | ", _events.Seen)}]");
            }

            await Task.Delay(10);
        }
    }

    private ProxyConnectionOptions Options() => new()
    {
        Url = _server.Url,
        Prelude = ["auth"],
        ReadinessMarker = "authenticated",
        FatalMarkers = ["\"code\":402"],
        RetryAfterDropMarkers = ["\"code\":406"],
        RefusalMarker = "\"T\":\"error\"",
        InitialBackoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
    };

    private UpstreamConnection Create(ProxyConnectionOptions options, bool restoring = false)
    {
        var connection = new UpstreamConnection(_connections.Count + 1, "key", options, _events, NullLogger.Instance, TimeProvider.System, _metrics) { Restoring = restoring };
        _connections.Add(connection);
        return connection;
    }
}
