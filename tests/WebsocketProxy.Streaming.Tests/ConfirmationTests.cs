using Microsoft.Extensions.Time.Testing;
using WebsocketProxy.Streaming.Tests.Protocols;
using WebsocketProxy.Streaming.Tests.Support;

namespace WebsocketProxy.Streaming.Tests;

/// <summary>A subscription completes when the confirmer says so, within the timeout, or is rolled back.</summary>
public sealed class ConfirmationTests
{
    [Fact]
    public async Task Open_WithReplyConfirmer_CompletesOnlyOnTheSubscriptionReply()
    {
        await using var connection = new FakeProxyConnection();
        var confirmer = new ReplyConfirmer();
        await using var stocks = new StockStream(connection, StreamOptions.Default with { Confirmer = confirmer, ControlMessageHandler = confirmer.OnControlMessage });

        var open = stocks.Router.OpenAsync<Bar>(0, ["AAPL"]).AsTask();
        await connection.NextIs(true, "bars", "AAPL");
        Assert.False(open.IsCompleted);

        connection.Push("""[{"T":"subscription","bars":["AAPL"]}]""");

        await using var subscription = await open.Within();
        Assert.Equal(["AAPL"], subscription.Topics);
    }

    [Fact]
    public async Task Open_RefusedByTheServer_ThrowsAndRollsBack()
    {
        await using var connection = new FakeProxyConnection();
        var confirmer = new ReplyConfirmer();
        await using var stocks = new StockStream(connection, StreamOptions.Default with { Confirmer = confirmer, ControlMessageHandler = confirmer.OnControlMessage });

        var open = stocks.Router.OpenAsync<Bar>(0, ["AAPL"]).AsTask();
        await connection.NextIs(true, "bars", "AAPL");
        connection.Push("""[{"T":"error","code":405,"msg":"symbol limit exceeded"}]""");

        var error = await Assert.ThrowsAsync<StreamSubscriptionException>(() => open.Within());
        Assert.Contains("symbol limit exceeded", error.Message, StringComparison.Ordinal);
        await connection.NextIs(false, "bars", "AAPL");
    }

    [Fact]
    public async Task Open_NotConfirmedInTime_ThrowsTimeout_AndTheNextOpenSubscribesAgain()
    {
        await using var connection = new FakeProxyConnection();
        var time = new FakeTimeProvider();
        var confirmer = new ReplyConfirmer();
        var options = StreamOptions.Default with
        {
            Confirmer = confirmer,
            ControlMessageHandler = confirmer.OnControlMessage,
            SubscribeTimeout = TimeSpan.FromSeconds(5),
            TimeProvider = time,
        };
        await using var stocks = new StockStream(connection, options);

        var open = stocks.Router.OpenAsync<Bar>(0, ["AAPL"]).AsTask();
        await connection.NextIs(true, "bars", "AAPL");
        time.Advance(TimeSpan.FromSeconds(6));

        var error = await Assert.ThrowsAsync<StreamSubscriptionException>(() => open.Within());
        Assert.Contains("not confirmed within", error.Message, StringComparison.Ordinal);
        await connection.NextIs(false, "bars", "AAPL");

        var again = stocks.Router.OpenAsync<Bar>(0, ["AAPL"]).AsTask();
        await connection.NextIs(true, "bars", "AAPL");
        connection.Push("""[{"T":"subscription","bars":["AAPL"]}]""");
        await using var subscription = await again.Within();
    }

    [Fact]
    public async Task Release_BehindASlowConfirmation_WaitsForItInsteadOfLeakingTheTopic()
    {
        await using var connection = new FakeProxyConnection();
        var time = new FakeTimeProvider();
        var confirmer = new ReplyConfirmer();
        var options = StreamOptions.Default with
        {
            Confirmer = confirmer,
            ControlMessageHandler = confirmer.OnControlMessage,
            SubscribeTimeout = TimeSpan.FromSeconds(30),
            UnsubscribeTimeout = TimeSpan.FromSeconds(5),
            TimeProvider = time,
        };
        await using var stocks = new StockStream(connection, options);
        var first = stocks.Router.OpenAsync<Bar>(0, ["AAPL"]).AsTask();
        await connection.NextIs(true, "bars", "AAPL");
        connection.Push("""[{"T":"subscription"}]""");
        var aapl = await first.Within();

        var slow = stocks.Router.OpenAsync<Bar>(0, ["MSFT"]).AsTask();
        await connection.NextIs(true, "bars", "MSFT");
        var release = aapl.DisposeAsync().AsTask();
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.False(release.IsCompleted);

        connection.Push("""[{"T":"subscription"}]""");
        await using var msft = await slow.Within();
        await release.Within();
        await connection.NextIs(false, "bars", "AAPL");
    }

    [Fact]
    public async Task Open_ProxyRefuses_ThrowsSubscriptionException_WithoutUnsubscribing()
    {
        await using var connection = new FakeProxyConnection
        {
            OnSubscribe = (_, _, _) => throw new InvalidOperationException("proxy says no"),
        };
        await using var stocks = new StockStream(connection);

        var error = await Assert.ThrowsAsync<StreamSubscriptionException>(async () => await stocks.Router.OpenAsync<Bar>(0, ["AAPL"]).Within());

        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Empty(connection.Calls);
    }

    [Fact]
    public async Task Open_CancelledWhileTheSubscribeIsInFlight_RollsItBack()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = new FakeProxyConnection
        {
            OnSubscribe = async (_, _, token) =>
            {
                entered.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            },
        };
        await using var stocks = new StockStream(connection);
        using var cancel = new CancellationTokenSource();

        var open = stocks.Router.OpenAsync<Bar>(0, ["AAPL"], cancellationToken: cancel.Token).AsTask();
        await entered.Task.Within();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => open.Within());
        await connection.NextIs(false, "bars", "AAPL");
    }
}
