using MessagePack;
using WebsocketProxy.Alpaca.Errors;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Alpaca.Streams;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Tests.Streams;

/// <summary>The tracker reads Alpaca's control replies in MessagePack as it does in JSON.</summary>
public sealed class AlpacaSubscriptionTrackerMessagePackTests
{
    private static readonly int BarsChannel = AlpacaStockStream.Protocol.Channels.ToList().FindIndex(c => c.TypeCode == "b");

    [Fact]
    public async Task Subscribe_MessagePackSubscriptionReply_ConfirmsOnlyWhenItHoldsTheTopics()
    {
        await using var connection = new FakeConnection();
        var (stocks, tracker) = Open(connection);
        await using var _ = stocks;

        var open = stocks.OpenAsync<StockBar>(BarsChannel, ["AAPL"]).AsTask();
        Assert.Equal("subscribe bars AAPL", await connection.NextCallAsync());
        connection.PushBinary(Pack("""[{"T":"success","msg":"authenticated"}]"""));
        connection.PushBinary(Pack("""[{"T":"subscription","trades":[],"bars":["MSFT"]}]"""));
        await WaitForStateAsync(tracker, s => s.Bars.Contains("MSFT"));
        Assert.False(open.IsCompleted);

        connection.PushBinary(Pack("""[{"T":"subscription","trades":["AAPL"],"bars":["AAPL","MSFT"],"corrections":["AAPL"]}]"""));

        await using var subscription = await open.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["AAPL"], tracker.KnownState!.Corrections.ToArray());
        Assert.Equal(0, stocks.Statistics.UnrecognizedMessages);
    }

    [Fact]
    public async Task Subscribe_MessagePackError405_FailsThatRequestWithTheAlpacaError()
    {
        await using var connection = new FakeConnection();
        var (stocks, _) = Open(connection);
        await using var __ = stocks;

        var open = stocks.OpenAsync<StockBar>(BarsChannel, ["AAPL"]).AsTask();
        await connection.NextCallAsync();
        connection.PushBinary(Pack("""[{"T":"error","code":405,"msg":"symbol limit exceeded"}]"""));

        var error = await Assert.ThrowsAsync<StreamSubscriptionException>(() => open.WaitAsync(TimeSpan.FromSeconds(10)));
        var alpaca = Assert.IsType<AlpacaStreamException>(error.InnerException);
        Assert.Equal(AlpacaErrorCode.SymbolLimitExceeded, alpaca.Code);
        Assert.Equal("symbol limit exceeded", alpaca.ServerMessage);
    }

    [Fact]
    public async Task ServerError_MessagePack402_RaisedFatal()
    {
        await using var connection = new FakeConnection();
        var (stocks, tracker) = Open(connection);
        await using var _ = stocks;
        var raised = new TaskCompletionSource<AlpacaStreamException>(TaskCreationOptions.RunContinuationsAsynchronously);
        tracker.ServerError += e => raised.TrySetResult(e);

        connection.PushBinary(Pack("""[{"T":"error","code":402,"msg":"auth failed"}]"""));

        var error = await raised.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(AlpacaErrorCode.AuthFailed, error.Code);
        Assert.True(error.IsFatal);
    }

    private static byte[] Pack(string json) => MessagePackSerializer.ConvertFromJson(json);

    private static (StreamRouter Stocks, AlpacaSubscriptionTracker Tracker) Open(FakeConnection connection)
    {
        var tracker = new AlpacaSubscriptionTracker();
        var stocks = StreamRouter.Acquire(connection, AlpacaStockStream.Protocol, StreamOptions.Default with { Confirmer = tracker, ControlMessageHandler = tracker.OnControlMessage });
        return (stocks, tracker);
    }

    private static async Task WaitForStateAsync(AlpacaSubscriptionTracker tracker, Func<SubscriptionState, bool> condition)
    {
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

        await seen.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
