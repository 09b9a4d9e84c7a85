using WebsocketProxy.Client;
using WebsocketProxy.Streaming.Tests.Protocols;
using WebsocketProxy.Streaming.Tests.Support;

namespace WebsocketProxy.Streaming.Tests;

/// <summary>Bad input is reported and counted while the streams go on; gaps reach the application.</summary>
public sealed class ErrorAndGapTests
{
    [Fact]
    public async Task MalformedFrame_IsReportedAndCounted_AndTheStreamGoesOn()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);
        var errors = CollectErrors(stocks.Router);
        await using var bars = new StreamProbe<Bar>(ct => stocks.Bars("AAPL", ct)).Start();
        await connection.NextIs(true, "bars", "AAPL");

        connection.Push("""[{"T":"b","S":"AAPL","c":1,"t":"1"},{"T":"b","S":"AA""");
        connection.Push("not json at all");
        connection.Push("""[{"T":"b","S":"AAPL","c":2,"t":"2"}]""");

        Assert.Equal(1m, (await bars.NextAsync()).Close);
        Assert.Equal(2m, (await bars.NextAsync()).Close);
        Assert.Equal(2, stocks.Router.Statistics.MalformedFrames);
        Assert.All(errors, e => Assert.Equal(StreamErrorKind.MalformedFrame, e.Kind));
    }

    [Fact]
    public async Task DecoderFailure_SkipsOnlyThatMessage()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);
        var errors = CollectErrors(stocks.Router);
        await using var trades = new StreamProbe<Trade>(ct => stocks.Trades("AAPL", ct)).Start();
        await connection.NextIs(true, "trades", "AAPL");

        connection.Push("""[{"T":"t","S":"AAPL","p":-1,"s":1},{"T":"t","S":"AAPL","p":2,"s":3}]""");

        Assert.Equal(new Trade("AAPL", 2m, 3), await trades.NextAsync());
        Assert.Equal(1, stocks.Router.Statistics.DecodeFailures);
        var error = Assert.Single(errors);
        Assert.Equal(StreamErrorKind.DecodeFailed, error.Kind);
        Assert.IsType<FormatException>(error.Exception);
    }

    [Fact]
    public async Task UnknownTypeCode_GoesToTheControlHandler_OrIsReportedAsUnrecognized()
    {
        await using var connection = new FakeProxyConnection();
        var control = new List<string>();
        var options = StreamOptions.Default with
        {
            ControlMessageHandler = message =>
            {
                control.Add(message.TypeCode + ":" + message.ToString());
                return message.TypeCode == "success";
            },
        };
        await using var stocks = new StockStream(connection, options);
        var errors = CollectErrors(stocks.Router);
        await using var bars = new StreamProbe<Bar>(ct => stocks.Bars("AAPL", ct)).Start();
        await connection.NextIs(true, "bars", "AAPL");

        connection.Push("""[{"T":"success","msg":"authenticated"}]""");
        connection.Push("""[{"T":"zz","S":"AAPL"},{"S":"AAPL","c":0},{"T":"b","c":0},{"S":{"T":"b","S":"AAPL"},"T":"b","c":9},{"T":"b","S":"AAPL","c":3,"t":"3"}]""");

        Assert.Equal(3m, (await bars.NextAsync()).Close);
        Assert.Equal(["success:{\"T\":\"success\",\"msg\":\"authenticated\"}", "zz:{\"T\":\"zz\",\"S\":\"AAPL\"}"], control);
        var statistics = stocks.Router.Statistics;
        Assert.Equal(1, statistics.UnrecognizedMessages);
        Assert.Equal(3, statistics.MalformedMessages);
        Assert.Equal([StreamErrorKind.UnrecognizedMessage, StreamErrorKind.MalformedMessage, StreamErrorKind.MalformedMessage, StreamErrorKind.MalformedMessage], errors.Select(e => e.Kind));
    }

    [Fact]
    public async Task ThrowingCallback_IsReported_AndOtherListenersStillReceive()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);
        var errors = CollectErrors(stocks.Router);
        await using var bad = await stocks.OnQuote("AAPL", _ => throw new InvalidOperationException("boom")).Within();
        var good = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fine = await stocks.OnQuote("AAPL", good.SetResult).Within();

        connection.Push("""[{"T":"q","S":"AAPL","bp":1.5}]""");

        Assert.Equal("1.5", await good.Task.Within());
        Assert.Equal(StreamErrorKind.HandlerFailed, Assert.Single(errors).Kind);
    }

    [Fact]
    public async Task Gap_RaisesTheEvent_AndTheStreamGoesOnByDefault()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);
        var gap = new TaskCompletionSource<StreamGapEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        stocks.Router.Gap += (_, e) => gap.TrySetResult(e);
        await using var bars = new StreamProbe<Bar>(ct => stocks.Bars("AAPL", ct)).Start();
        await connection.NextIs(true, "bars", "AAPL");

        connection.Push(new ProxyFrame(ProxyFrameKind.Gap, connection.Id, default, LostMessages: 42));
        connection.Push("""[{"T":"b","S":"AAPL","c":5,"t":"5"}]""");

        var args = await gap.Task.Within();
        Assert.False(args.Reconnected);
        Assert.Equal(42, args.LostMessages);
        Assert.Equal(5m, (await bars.NextAsync()).Close);
        Assert.Equal(1, stocks.Router.Statistics.Gaps);
    }

    [Fact]
    public async Task Reconnect_WithThrowOnGap_EndsTheStreamWithGapExceptionAfterBufferedItems()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection, StreamOptions.Default with { ThrowOnGap = true });
        await using var bars = new StreamProbe<Bar>(ct => stocks.Bars("AAPL", ct)).Start();
        await connection.NextIs(true, "bars", "AAPL");

        connection.Push("""[{"T":"b","S":"AAPL","c":1,"t":"1"}]""");
        connection.Push(new ProxyFrame(ProxyFrameKind.Reconnected, connection.Id, default, Outage: TimeSpan.FromSeconds(3)));

        Assert.Equal(1m, (await bars.NextAsync()).Close);
        var error = Assert.IsType<StreamGapException>(await bars.EndAsync());
        Assert.Contains("00:00:03", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosedFrame_EndsStreamsWithClosedException()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);
        await using var bars = new StreamProbe<Bar>(ct => stocks.Bars("AAPL", ct)).Start();
        await connection.NextIs(true, "bars", "AAPL");

        connection.Push(new ProxyFrame(ProxyFrameKind.Closed, connection.Id, default, Message: "gone"));

        Assert.IsType<StreamClosedException>(await bars.EndAsync());
        await Assert.ThrowsAsync<StreamClosedException>(async () => await stocks.Router.OpenAsync<Bar>(0, ["MSFT"]).Within());
    }

    [Fact]
    public async Task FailChannel_EndsOnlyThatChannelsStreams()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);
        await using var bars = new StreamProbe<Bar>(ct => stocks.Bars("AAPL", ct)).Start();
        await connection.NextIs(true, "bars", "AAPL");
        await using var trades = new StreamProbe<Trade>(ct => stocks.Trades("AAPL", ct)).Start();
        await connection.NextIs(true, "trades", "AAPL");

        stocks.Router.FailChannel("bars", new StreamSubscriptionException("insufficient subscription"));
        connection.Push("""[{"T":"t","S":"AAPL","p":1,"s":1}]""");

        Assert.IsType<StreamSubscriptionException>(await bars.EndAsync());
        Assert.Equal(1m, (await trades.NextAsync()).Price);
    }

    private static List<StreamErrorEventArgs> CollectErrors(StreamRouter session)
    {
        var errors = new List<StreamErrorEventArgs>();
        session.Error += (_, e) =>
        {
            lock (errors)
            {
                errors.Add(e);
            }
        };
        return errors;
    }
}
