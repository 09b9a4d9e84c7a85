using WebsocketProxy.Alpaca.Errors;
using WebsocketProxy.Alpaca.Simulator;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Tests.Integration;

/// <summary>Server errors and outages surface as the right exceptions and events, and hurt nobody else.</summary>
public sealed class FailureTests
{
    [Fact]
    public async Task ConnectAsync_WrongSecret_GetsItsOwnUpstreamAnd402_WhileTheValidStreamGoesOn()
    {
        await using var context = await IntegrationContext.StartAsync();
        var stocks = await context.ConnectAsync("valid");
        await using var bars = stocks.Bars("AAPL").GetAsyncEnumerator();
        await bars.NextAsync();

        var wrong = new AlpacaCredentials(context.Credentials.KeyId, "not-the-secret");
        var error = await Assert.ThrowsAsync<AlpacaStreamException>(() => context.ConnectAsync("wrong", wrong));

        Assert.Equal(AlpacaErrorCode.AuthFailed, error.Code);
        Assert.True(error.IsFatal);
        Assert.Equal(2, context.Simulator.Counters.ConnectionsSeen);
        Assert.DoesNotContain("not-the-secret", error.Message, StringComparison.Ordinal);
        await bars.NextAsync();
    }

    [Fact]
    public async Task ConnectAsync_ServerRefusesConnections_Throws406SayingSomethingOutsideHoldsIt()
    {
        await using var context = await IntegrationContext.StartAsync();
        context.Simulator.Faults.RefuseNewConnections(TimeSpan.FromMinutes(5));

        var error = await Assert.ThrowsAsync<AlpacaStreamException>(() => context.ConnectAsync("refused"));

        Assert.Equal(AlpacaErrorCode.ConnectionLimitExceeded, error.Code);
        Assert.Contains("outside this proxy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_AnotherHolderOutsideTheProxy_Throws406()
    {
        await using var context = await IntegrationContext.StartAsync();
        var outside = await AlpacaProxy.ConnectAsync(context.Credentials, context.Options("outside") with
        {
            Proxy = context.Options("outside").Proxy with { Instance = context.Instance + "x" },
        });
        await using (outside)
        {
            var error = await Assert.ThrowsAsync<AlpacaStreamException>(() => context.ConnectAsync("second"));
            Assert.Equal(AlpacaErrorCode.ConnectionLimitExceeded, error.Code);
        }

        WebsocketProxy.Tests.Shared.InstanceFiles.RemoveWhenIdle(context.Instance + "x");
    }

    [Fact]
    public async Task Bars_SymbolLimitExceeded_FailsOnlyThatRequest()
    {
        await using var context = await IntegrationContext.StartAsync(AlpacaSimulatorOptions.Default with { TimeScale = 60, TradesPerSecond = 5, SymbolLimit = 1 });
        var stocks = await context.ConnectAsync("limited");
        await using var aapl = stocks.Bars("AAPL").GetAsyncEnumerator();
        await aapl.NextAsync();

        var error = await Assert.ThrowsAsync<StreamSubscriptionException>(() => stocks.Bars("MSFT").TakeAsync(1));

        var alpaca = Assert.IsType<AlpacaStreamException>(error.InnerException);
        Assert.Equal(AlpacaErrorCode.SymbolLimitExceeded, alpaca.Code);
        await aapl.NextAsync();
    }

    [Fact]
    public async Task Bars_UpstreamDropped_GapEventThenDataAgainOnTheSameStream()
    {
        await using var context = await IntegrationContext.StartAsync();
        var stocks = await context.ConnectAsync("reconnect");
        var reconnected = new TaskCompletionSource<StreamGapEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        stocks.Gap += (_, e) =>
        {
            if (e.Reconnected)
            {
                reconnected.TrySetResult(e);
            }
        };
        await using var bars = stocks.Bars("AAPL").GetAsyncEnumerator();
        var before = await bars.NextAsync();

        context.Simulator.Faults.DropAllConnections();
        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await context.WaitUntilAsync(c => c.ConnectionsSeen == 2 && c.Connections[1].Subscriptions.TryGetValue("bars", out var held) && held.Contains("AAPL"), "the proxy restores the subscription");
        var after = await bars.NextAsync();
        while (after.Timestamp <= before.Timestamp)
        {
            after = await bars.NextAsync();
        }

        Assert.Single(context.Received(1), m => m.Contains("\"auth\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bars_ThrowOnGap_EndsTheStreamWithAGapException()
    {
        await using var context = await IntegrationContext.StartAsync();
        var options = context.Options("gap") with { Streams = StreamOptions.Default with { ThrowOnGap = true } };
        await using var stocks = await AlpacaProxy.ConnectAsync(context.Credentials, options);
        await using var bars = stocks.Bars("AAPL").GetAsyncEnumerator();
        await bars.NextAsync();

        context.Simulator.Faults.DropAllConnections();

        await Assert.ThrowsAsync<StreamGapException>(async () =>
        {
            while (true)
            {
                await bars.NextAsync();
            }
        });
    }

    [Fact]
    public async Task Bars_DropThen406ForAFewSeconds_WaitsItOutThenGapAndDataAgainWithSubscriptionsRestored()
    {
        await using var context = await IntegrationContext.StartAsync();
        var stocks = await context.ConnectAsync("refused-after-drop");
        var reconnected = new TaskCompletionSource<StreamGapEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        stocks.Gap += (_, e) =>
        {
            if (e.Reconnected)
            {
                reconnected.TrySetResult(e);
            }
        };
        var serverErrors = new System.Collections.Concurrent.ConcurrentQueue<AlpacaErrorCode>();
        stocks.ServerError += (_, e) => serverErrors.Enqueue(e.Error.Code);
        await using var bars = stocks.Bars("AAPL").GetAsyncEnumerator();
        var before = await bars.NextAsync();

        // What Alpaca does after an abrupt drop: the dead session still counts, so new sessions get 406 for a while.
        // Refusing until told otherwise, so that the test sees refusals however slow the machine is.
        context.Simulator.Faults.RefuseNewConnections(TimeSpan.FromMinutes(5));
        context.Simulator.Faults.DropAllConnections();
        await context.WaitUntilAsync(c => c.ConnectionsSeen >= 3, "two refused reconnects");
        Assert.False(reconnected.Task.IsCompleted);
        context.Simulator.Faults.RefuseNewConnections(TimeSpan.Zero);

        var gap = await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(gap.Outage > TimeSpan.Zero);
        await context.WaitUntilAsync(c => c.Connections[^1].Subscriptions.TryGetValue("bars", out var held) && held.Contains("AAPL"), "the proxy restores the subscription after the refusals");
        var after = await bars.NextAsync();
        while (after.Timestamp <= before.Timestamp)
        {
            after = await bars.NextAsync();
        }

        // The refusals were seen (as events, not as the end of the stream).
        Assert.Contains(AlpacaErrorCode.ConnectionLimitExceeded, serverErrors);
    }

    [Fact]
    public async Task Bars_406AfterDropBeyondTheWindow_EndsTheStreamWithTheAlpacaErrorAndTheProxyReason()
    {
        await using var context = await IntegrationContext.StartAsync();
        var options = context.Options("refused-for-good") with { ConnectionLimitRetryWindow = TimeSpan.FromSeconds(1) };
        await using var stocks = await AlpacaProxy.ConnectAsync(context.Credentials, options);
        var serverErrors = new System.Collections.Concurrent.ConcurrentQueue<AlpacaErrorCode>();
        stocks.ServerError += (_, e) => serverErrors.Enqueue(e.Error.Code);
        await using var bars = stocks.Bars("AAPL").GetAsyncEnumerator();
        await bars.NextAsync();

        context.Simulator.Faults.RefuseNewConnections(TimeSpan.FromMinutes(5));
        context.Simulator.Faults.DropAllConnections();

        var error = await Assert.ThrowsAsync<AlpacaStreamException>(async () =>
        {
            while (true)
            {
                await bars.NextAsync();
            }
        });
        Assert.Equal(AlpacaErrorCode.ConnectionLimitExceeded, error.Code);
        Assert.Contains("kept refusing the session", error.InnerException?.Message, StringComparison.Ordinal);

        // The event is raised before the streams end, so it has been seen by now.
        Assert.Contains(AlpacaErrorCode.ConnectionLimitExceeded, serverErrors);
    }

    [Fact]
    public async Task ConnectAsync_RetryOnConnectionLimit_WaitsOutA406ThenStreams()
    {
        await using var context = await IntegrationContext.StartAsync();
        context.Simulator.Faults.RefuseNewConnections(TimeSpan.FromMinutes(5));
        var options = context.Options("patient") with { RetryOnConnectionLimit = true };

        var connecting = AlpacaProxy.ConnectAsync(context.Credentials, options);
        await context.WaitUntilAsync(c => c.ConnectionsSeen >= 2, "two refused connects");
        Assert.False(connecting.IsCompleted);
        context.Simulator.Faults.RefuseNewConnections(TimeSpan.Zero);

        await using var stocks = await connecting.WaitAsync(TimeSpan.FromSeconds(30));
        await using var bars = stocks.Bars("AAPL").GetAsyncEnumerator();
        await bars.NextAsync();
    }

    [Fact]
    public async Task ConnectAsync_RetryOnConnectionLimitBeyondTheWindow_Throws406AfterSeveralAttempts()
    {
        await using var context = await IntegrationContext.StartAsync();
        context.Simulator.Faults.RefuseNewConnections(TimeSpan.FromMinutes(5));
        var options = context.Options("too-patient") with { RetryOnConnectionLimit = true, ConnectionLimitRetryWindow = TimeSpan.FromSeconds(3) };

        var error = await Assert.ThrowsAsync<AlpacaStreamException>(() => AlpacaProxy.ConnectAsync(context.Credentials, options));

        Assert.Equal(AlpacaErrorCode.ConnectionLimitExceeded, error.Code);
        Assert.True(context.Simulator.Counters.ConnectionsSeen >= 2);
    }

    [Fact]
    public async Task Bars_Error411WhileStreaming_EndsTheStreamsSayingTheScopeIsMissing()
    {
        await using var context = await IntegrationContext.StartAsync();
        var stocks = await context.ConnectAsync("no-scope");
        await using var bars = stocks.Bars("AAPL").GetAsyncEnumerator();
        await bars.NextAsync();

        context.Simulator.Faults.SendError(411, "insufficient scope", close: true);

        var error = await Assert.ThrowsAsync<AlpacaStreamException>(async () =>
        {
            while (true)
            {
                await bars.NextAsync();
            }
        });
        Assert.Equal(AlpacaErrorCode.InsufficientScope, error.Code);
        Assert.True(error.IsFatal);
        Assert.Contains("scope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_PlanWithoutTheFeed_Throws409()
    {
        var key = new AlpacaKeyPair("PKCRYPTOONLY0000001", "crypto-only-secret-000000000000000001") { Feeds = new HashSet<AlpacaSimulatorFeed> { AlpacaSimulatorFeed.Crypto } };
        await using var context = await IntegrationContext.StartAsync(AlpacaSimulatorOptions.Default with { KeyPairs = [key] });

        var error = await Assert.ThrowsAsync<AlpacaStreamException>(() => context.ConnectAsync("no-plan"));

        Assert.Equal(AlpacaErrorCode.InsufficientSubscription, error.Code);
    }

    [Fact]
    public async Task Bars_MalformedAndUnknownMessages_AreReportedAndCountedAndTheStreamGoesOn()
    {
        await using var context = await IntegrationContext.StartAsync();
        var stocks = await context.ConnectAsync("bad-input");
        var errors = new List<StreamErrorKind>();
        var two = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stocks.Error += (_, e) =>
        {
            lock (errors)
            {
                errors.Add(e.Kind);
                if (errors.Count == 2)
                {
                    two.TrySetResult();
                }
            }
        };
        await using var bars = stocks.Bars("AAPL").GetAsyncEnumerator();
        await bars.NextAsync();

        context.Simulator.Faults.SendMalformedJson();
        context.Simulator.Faults.SendUnknownMessageType();
        await two.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(2, errors.Count);
        var statistics = stocks.Stocks.Router!.Statistics;
        Assert.Equal((1, 1), (statistics.MalformedFrames, statistics.UnrecognizedMessages));
        await bars.NextAsync();
    }

    [Fact]
    public async Task Bars_Fatal402WhileStreaming_EndsTheStreamsWithTheAlpacaError()
    {
        await using var context = await IntegrationContext.StartAsync();
        var stocks = await context.ConnectAsync("revoked");
        await using var bars = stocks.Bars("AAPL").GetAsyncEnumerator();
        await bars.NextAsync();

        context.Simulator.Faults.SendError(402, "auth failed");

        var error = await Assert.ThrowsAsync<AlpacaStreamException>(async () =>
        {
            while (true)
            {
                await bars.NextAsync();
            }
        });
        Assert.Equal(AlpacaErrorCode.AuthFailed, error.Code);
        Assert.Equal("auth failed", error.ServerMessage);
    }

    [Fact]
    public async Task ConnectAsync_InvalidStreamOptions_ThrowsAndReleasesTheUpstreamConnection()
    {
        await using var context = await IntegrationContext.StartAsync();
        var options = context.Options("invalid") with { Streams = StreamOptions.Default with { SubscribeTimeout = TimeSpan.Zero } };

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => AlpacaProxy.ConnectAsync(context.Credentials, options));

        await context.WaitUntilAsync(c => c.ConnectionsSeen == 1 && c.ConnectionsCurrent == 0, "the proxy closes the unused upstream connection");
    }
}
