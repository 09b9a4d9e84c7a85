using WebsocketProxy.Alpaca.Errors;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Alpaca.Streams;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Tests.Streams;

/// <summary>Subscriptions confirmed by Alpaca's replies, over the real session and a fake connection.</summary>
public sealed class AlpacaSubscriptionTrackerTests
{
    private static readonly int BarsChannel = AlpacaStockStream.Protocol.Channels.ToList().FindIndex(c => c.TypeCode == "b");

    [Fact]
    public async Task Subscribe_CompletesOnlyOnAReplyHoldingItsTopics()
    {
        await using var connection = new FakeConnection();
        var (stocks, tracker) = Open(connection);
        await using var _ = stocks;

        var open = stocks.OpenAsync<StockBar>(BarsChannel, ["AAPL"]).AsTask();
        Assert.Equal("subscribe bars AAPL", await connection.NextCallAsync());
        connection.Push("""[{"T":"subscription","trades":[],"quotes":[],"bars":["MSFT"]}]""");
        connection.Push("""[{"T":"success","msg":"authenticated"}]""");
        await WaitForStateAsync(tracker, s => s.Bars.Contains("MSFT"));
        Assert.False(open.IsCompleted);

        connection.Push("""[{"T":"subscription","trades":[],"quotes":[],"bars":["AAPL","MSFT"]}]""");

        await using var subscription = await open.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, stocks.Statistics.UnrecognizedMessages);
    }

    [Fact]
    public async Task Subscribe_TopicTheServerAlreadyHolds_CompletesWithoutAnotherReply()
    {
        await using var connection = new FakeConnection();
        var (stocks, tracker) = Open(connection);
        await using var _ = stocks;
        connection.Push("""[{"T":"subscription","bars":["AAPL"]}]""");
        await WaitForStateAsync(tracker, s => s.Bars.Contains("AAPL"));

        await using var subscription = await stocks.OpenAsync<StockBar>(BarsChannel, ["AAPL"]).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["AAPL"], subscription.Topics);
    }

    [Fact]
    public async Task Subscribe_RefusedWith405_FailsThatRequestWithTheAlpacaErrorAndRollsBack()
    {
        await using var connection = new FakeConnection();
        var (stocks, _) = Open(connection);
        await using var __ = stocks;

        var open = stocks.OpenAsync<StockBar>(BarsChannel, ["AAPL"]).AsTask();
        await connection.NextCallAsync();
        connection.Push("""[{"T":"error","code":405,"msg":"symbol limit exceeded"}]""");

        var error = await Assert.ThrowsAsync<StreamSubscriptionException>(() => open.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(AlpacaErrorCode.SymbolLimitExceeded, Assert.IsType<AlpacaStreamException>(error.InnerException).Code);
        Assert.Equal("unsubscribe bars AAPL", await connection.NextCallAsync());
    }

    [Fact]
    public async Task ServerError_NotAboutARequest_IsReportedAndFailsNothing()
    {
        await using var connection = new FakeConnection();
        var (stocks, tracker) = Open(connection);
        await using var _ = stocks;
        var reported = new TaskCompletionSource<AlpacaStreamException>(TaskCreationOptions.RunContinuationsAsynchronously);
        tracker.ServerError += e => reported.TrySetResult(e);

        connection.Push("""[{"T":"error","code":500,"msg":"internal error"}]""");

        var error = await reported.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(AlpacaErrorCode.InternalError, error.Code);
        Assert.Equal("internal error", error.ServerMessage);
    }

    private static (StreamRouter Stocks, AlpacaSubscriptionTracker Tracker) Open(FakeConnection connection)
    {
        var tracker = new AlpacaSubscriptionTracker();
        var stocks = StreamRouter.Acquire(connection, AlpacaStockStream.Protocol, StreamOptions.Default with { Confirmer = tracker, ControlMessageHandler = tracker.OnControlMessage });
        return (stocks, tracker);
    }

    private static async Task WaitForStateAsync(AlpacaSubscriptionTracker tracker, Func<SubscriptionState, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tracker.StateChanged += state =>
        {
            if (condition(state))
            {
                seen.TrySetResult();
            }
        };
        if (tracker.KnownState is { } known && condition(known))
        {
            return;
        }

        await seen.Task.WaitAsync(timeout.Token);
    }
}
