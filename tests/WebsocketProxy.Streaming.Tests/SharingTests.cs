using WebsocketProxy.Streaming.Tests.Protocols;
using WebsocketProxy.Streaming.Tests.Support;

namespace WebsocketProxy.Streaming.Tests;

/// <summary>Reference counting by the connection (the one ledger): one upstream subscription per (channel, symbol), one reader per connection.</summary>
public sealed class SharingTests
{
    [Fact]
    public async Task TwoStreams_SameSymbol_ShareOneSubscription_AndTheLastLeavingUnsubscribes()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);
        var first = new StreamProbe<Bar>(ct => stocks.Bars("AAPL", ct)).Start();
        await connection.NextIs(true, "bars", "AAPL");
        var second = new StreamProbe<Bar>(ct => stocks.Bars("AAPL", ct)).Start();

        connection.Push("""[{"T":"b","S":"AAPL","c":1,"t":"1"}]""");
        Assert.Equal(1m, (await first.NextAsync()).Close);
        Assert.Equal(1m, (await second.NextAsync()).Close);

        await first.DisposeAsync();
        connection.Push("""[{"T":"b","S":"AAPL","c":2,"t":"2"}]""");
        Assert.Equal(2m, (await second.NextAsync()).Close);
        Assert.Single(connection.Calls);

        await second.DisposeAsync();
        await connection.NextIs(false, "bars", "AAPL");
    }

    [Fact]
    public async Task ManyStreams_SameSymbol_EachCountedOnceByTheConnectionAndNotByTheRouter()
    {
        // One ledger: the router hands every stream's subscribe and unsubscribe to the connection, which holds
        // the process's only count (a router that counted too would have told the connection once).
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);
        var streams = new List<StreamSubscription<Bar>>();
        for (var i = 0; i < 5; i++)
        {
            streams.Add(await stocks.Router.OpenAsync<Bar>(0, ["AAPL"]).Within());
            Assert.Equal(i + 1, connection.HolderCount("bars", "AAPL"));
        }

        Assert.Single(connection.Calls);
        for (var i = 4; i >= 0; i--)
        {
            await streams[i].DisposeAsync();
            Assert.Equal(i, connection.HolderCount("bars", "AAPL"));
        }

        await connection.NextIs(true, "bars", "AAPL");
        await connection.NextIs(false, "bars", "AAPL");
        Assert.Equal(2, connection.Calls.Count);
    }

    [Fact]
    public async Task Stop_WithStreamsOpen_GivesBackEachStreamsCount()
    {
        await using var connection = new FakeProxyConnection();
        var stocks = new StockStream(connection);
        await stocks.Router.OpenAsync<Bar>(0, ["AAPL"]).Within();
        await stocks.Router.OpenAsync<Bar>(0, ["AAPL", "MSFT"]).Within();
        Assert.Equal(2, connection.HolderCount("bars", "AAPL"));

        await stocks.DisposeAsync();

        Assert.Equal(0, connection.HolderCount("bars", "AAPL"));
        Assert.Equal(0, connection.HolderCount("bars", "MSFT"));
    }

    [Fact]
    public async Task MultiSymbolStream_OverlappingAnother_SubscribesOnlyNewSymbols()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);
        await using var single = new StreamProbe<Bar>(ct => stocks.UpdatedBars(["AAPL"], null, ct)).Start();
        await connection.NextIs(true, "updatedBars", "AAPL");

        await using var many = new StreamProbe<Bar>(ct => stocks.UpdatedBars(["AAPL", "MSFT"], null, ct)).Start();
        await connection.NextIs(true, "updatedBars", "MSFT");

        await many.DisposeAsync();
        await connection.NextIs(false, "updatedBars", "MSFT");
    }

    [Fact]
    public async Task Overloads_OneSymbolManyAndAll_ShareOneChannelAndItsCounts()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);
        await using var one = new StreamProbe<Bar>(ct => stocks.Bars("AAPL", ct)).Start();
        await connection.NextIs(true, "bars", "AAPL");
        await using var many = new StreamProbe<Bar>(ct => stocks.Bars(["AAPL", "MSFT"], ct)).Start();
        await connection.NextIs(true, "bars", "MSFT");
        await using var all = new StreamProbe<Bar>(stocks.Bars).Start();
        await connection.NextIs(true, "bars", "*");

        connection.Push("""[{"T":"b","S":"MSFT","c":1,"t":""},{"T":"b","S":"AAPL","c":2,"t":""},{"T":"b","S":"IBM","c":3,"t":""}]""");

        Assert.Equal(2m, (await one.NextAsync()).Close);
        Assert.Equal(1m, (await many.NextAsync()).Close);
        Assert.Equal(2m, (await many.NextAsync()).Close);
        Assert.Equal(1m, (await all.NextAsync()).Close);
        Assert.Equal(2m, (await all.NextAsync()).Close);
        Assert.Equal(3m, (await all.NextAsync()).Close);
    }

    [Fact]
    public async Task TwoStreamObjects_SameConnection_ShareOneFrameReader()
    {
        await using var connection = new FakeProxyConnection();
        await using var first = new StockStream(connection);
        await using var second = new StockStream(connection);
        await using var a = new StreamProbe<Bar>(ct => first.Bars("AAPL", ct)).Start();
        await connection.NextIs(true, "bars", "AAPL");
        await using var b = new StreamProbe<Bar>(ct => second.Bars("AAPL", ct)).Start();

        connection.Push("""[{"T":"b","S":"AAPL","c":1,"t":"1"}]""");

        await a.NextAsync();
        await b.NextAsync();
        Assert.Equal(1, connection.Readers);
        Assert.Single(connection.Calls);
    }

    [Fact]
    public async Task ConcurrentOpensAndDisposals_KeepUpstreamCallsAlternatingAndBalanced()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            for (var round = 0; round < 10; round++)
            {
                var subscription = await stocks.Router.OpenAsync<Bar>(0, [i % 2 == 0 ? "AAPL" : "MSFT"]).Within();
                await subscription.DisposeAsync().Within();
            }
        }))).Within();

        foreach (var symbol in new[] { "AAPL", "MSFT" })
        {
            var calls = connection.Calls.Where(c => c.Topics.Contains(symbol)).Select(c => c.Subscribe).ToList();
            Assert.NotEmpty(calls);
            for (var i = 0; i < calls.Count; i++)
            {
                Assert.Equal(i % 2 == 0, calls[i]);
            }

            Assert.False(calls[^1]);
        }
    }

    [Fact]
    public async Task Open_DuplicateTopics_AreSubscribedOnce()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);

        await using var subscription = await stocks.Router.OpenAsync<Bar>(0, ["AAPL", "AAPL"]).Within();
        await connection.NextIs(true, "bars", "AAPL");
        connection.Push("""[{"T":"b","S":"AAPL","c":1,"t":""},{"T":"b","S":"AAPL","c":2,"t":""}]""");
        connection.Push("""[{"T":"b","S":"AAPL","c":3,"t":""}]""");

        var closes = new List<decimal>();
        while (!closes.Contains(3m) && await subscription.WaitToReadAsync().Within())
        {
            while (subscription.TryRead(out var bar))
            {
                closes.Add(bar.Close);
            }
        }

        Assert.Equal([1m, 2m, 3m], closes);
        await subscription.DisposeAsync();
        Assert.Equal(["AAPL"], subscription.Topics);
        await connection.NextIs(false, "bars", "AAPL");
    }

    [Fact]
    public async Task Open_WrongModelType_IsRefused()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await stocks.Router.OpenAsync<Trade>(0, ["AAPL"]));
        Assert.Contains("carries Bar", error.Message, StringComparison.Ordinal);
        Assert.Empty(connection.Calls);
    }

    [Fact]
    public async Task Open_SymbolOnNewsChannel_IsRefused()
    {
        await using var connection = new FakeProxyConnection();
        await using var news = new NewsStream(connection);

        await Assert.ThrowsAsync<ArgumentException>(async () => await news.Router.OpenAsync<Headline>(0, ["AAPL"]));
        Assert.Empty(connection.Calls);
    }

    [Fact]
    public async Task OtherProtocol_SameConnection_IsRefused()
    {
        await using var connection = new FakeProxyConnection();
        await using var stocks = new StockStream(connection);

        var error = Assert.Throws<InvalidOperationException>(() => new ExchangeStream(connection));
        Assert.Contains("StockStream", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposingTheLastStreamObject_EndsOpenStreams_AndGivesBackTopics()
    {
        await using var connection = new FakeProxyConnection();
        var stocks = new StockStream(connection);
        await using var bars = new StreamProbe<Bar>(ct => stocks.Bars("AAPL", ct)).Start();
        await connection.NextIs(true, "bars", "AAPL");

        await stocks.DisposeAsync();

        Assert.IsType<StreamClosedException>(await bars.EndAsync());
        await connection.NextIs(false, "bars", "AAPL");
    }
}
