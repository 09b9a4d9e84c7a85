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
    public async Task Open_SecondStreamOfATopicBehindARefusedFirst_IsConfirmedOnItsOwn()
    {
        // One request at a time: the refusal is pinned on the first stream, whose count is given back before the
        // second asks, so the second is sent, and confirmed, on its own.
        await using var connection = new FakeProxyConnection();
        var confirmer = new ReplyConfirmer();
        await using var stocks = new StockStream(connection, StreamOptions.Default with { Confirmer = confirmer, ControlMessageHandler = confirmer.OnControlMessage });

        var first = stocks.Router.OpenAsync<Bar>(0, ["AAPL"]).AsTask();
        await connection.NextIs(true, "bars", "AAPL");
        var second = stocks.Router.OpenAsync<Bar>(0, ["AAPL"]).AsTask();
        Assert.Equal(1, connection.HolderCount("bars", "AAPL"));
        connection.Push("""[{"T":"error","code":405,"msg":"symbol limit exceeded"}]""");

        await Assert.ThrowsAsync<StreamSubscriptionException>(() => first.Within());
        await connection.NextIs(false, "bars", "AAPL");
        await connection.NextIs(true, "bars", "AAPL");
        Assert.False(second.IsCompleted);
        connection.Push("""[{"T":"subscription","bars":["AAPL"]}]""");
        await using var subscription = await second.Within();
        Assert.Equal(1, connection.HolderCount("bars", "AAPL"));
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
    public async Task Release_WhileAnotherStreamAwaitsConfirmation_UnsubscribesAtOnce()
    {
        // The connection orders subscribes and unsubscribes itself, so releasing one topic does not wait behind
        // another topic's confirmation (the router no longer has a gate of its own).
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
        await aapl.DisposeAsync().AsTask().Within();
        await connection.NextIs(false, "bars", "AAPL");
        Assert.False(slow.IsCompleted);

        connection.Push("""[{"T":"subscription"}]""");
        await using var msft = await slow.Within();
        Assert.Equal(0, connection.HolderCount("bars", "AAPL"));
        Assert.Equal(1, connection.HolderCount("bars", "MSFT"));
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
    public async Task Open_CancelledWhileTheSubscribeIsInFlight_LeavesTheUndoToTheConnection()
    {
        // The connection undoes a subscribe it did not complete (the client's handle posts the undo; see
        // SharedHandleTests.Subscribe_CancelledWhileTheProxyHasNotAnswered_IsUndoneUpstream): the router must not
        // unsubscribe on top of that, which would release a count some other stream holds.
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);
        await using var held = await stocks.Router.OpenAsync<Bar>(0, ["AAPL"]).Within();
        await connection.NextIs(true, "bars", "AAPL");
        connection.OnSubscribe = async (_, _, token) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
        };
        using var cancel = new CancellationTokenSource();

        var open = stocks.Router.OpenAsync<Bar>(0, ["AAPL"], cancellationToken: cancel.Token).AsTask();
        await entered.Task.Within();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => open.Within());
        Assert.Equal(1, connection.HolderCount("bars", "AAPL"));
        Assert.DoesNotContain(connection.Calls, c => !c.Subscribe);
    }
}
