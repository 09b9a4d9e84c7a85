using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Client;

namespace WebsocketProxy.Alpaca.Tests.Integration;

/// <summary>
/// Through the real proxy against the real simulator: processes with the same credentials share one
/// authenticated upstream connection, and subscriptions are reference-counted across streams and processes.
/// </summary>
public sealed class SharedUpstreamTests
{
    private const string SubscribeAapl = """{"action":"subscribe","bars":["AAPL"]}""";
    private const string UnsubscribeAapl = """{"action":"unsubscribe","bars":["AAPL"]}""";

    [Fact]
    public async Task ConnectStocks_TwoProcessesSameCredentials_OneAuthenticatedUpstreamAndEachGetsItsBars()
    {
        await using var context = await IntegrationContext.StartAsync();
        var stocks = await context.ConnectAsync("test");
        Assert.True(stocks.Stocks.Connection!.IsNew);
        var ours = stocks.Bars("AAPL").TakeAsync(2);

        var strategy = context.StartStrategy("MSFT", count: 2);
        Assert.Equal("CONNECTED False", await strategy.WaitForLineAsync("CONNECTED"));
        await strategy.WaitForLineAsync("DONE");

        Assert.All(await ours, bar => Assert.Equal("AAPL", bar.Symbol));
        Assert.Equal(["BAR MSFT", "BAR MSFT"], strategy.Seen.Where(l => l.StartsWith("BAR", StringComparison.Ordinal)));
        Assert.Equal(1, context.Simulator.Counters.ConnectionsSeen);
        Assert.Single(context.Received(), m => m.Contains("\"auth\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bars_SameSymbolTwiceInOneProcess_OneSubscriptionAndLeavingOneKeepsTheOther()
    {
        await using var context = await IntegrationContext.StartAsync();
        var stocks = await context.ConnectAsync("test");

        var first = stocks.Bars("AAPL").GetAsyncEnumerator();
        await using var second = stocks.Bars("AAPL").GetAsyncEnumerator();
        StockBar fromFirst = await first.NextAsync(), fromSecond = await second.NextAsync();
        Assert.Equal(("AAPL", "AAPL"), (fromFirst.Symbol, fromSecond.Symbol));
        Assert.Equal(1, context.Received().Count(SubscribeAapl));

        await first.DisposeAsync();
        var later = await second.NextAsync();
        Assert.True(later.Timestamp > fromSecond.Timestamp);
        Assert.Equal(0, context.Received().Count(UnsubscribeAapl));

        await second.DisposeAsync();
        await context.WaitUntilAsync(_ => context.Received().Count(UnsubscribeAapl) == 1, "the last stream unsubscribes");
        Assert.Equal(1, context.Received().Count(SubscribeAapl));
    }

    [Fact]
    public async Task Bars_FiveStreamsOfOneSymbolOnTwoProxyObjectsInOneProcess_OneClientOneUpstreamSubscribeReleasedByTheLast()
    {
        // One ledger in the process: every stream is counted once by its connection handle (the routers count
        // nothing), the proxy sees this process as one client, and upstream hears one subscribe and, only when the
        // last of the five streams ends, one unsubscribe.
        await using var context = await IntegrationContext.StartAsync();
        var first = await context.ConnectAsync("first");
        var second = await context.ConnectAsync("second");
        await using var observer = await WebsocketProxyClient.ConnectAsync(context.Options("observer").Proxy);
        var streams = new List<IAsyncEnumerator<StockBar>>();
        foreach (var proxy in new[] { first, first, first, second, second })
        {
            var stream = proxy.Bars("AAPL").GetAsyncEnumerator();
            streams.Add(stream);
            await stream.NextAsync();
        }

        Assert.Equal(1, context.Received().Count(SubscribeAapl));
        Assert.Equal(1, context.Simulator.Counters.ConnectionsSeen);
        var status = await observer.GetStatusAsync();
        Assert.Single(status.Split('\n'), l => l.Contains(" pid ", StringComparison.Ordinal) && l.Contains("connections ", StringComparison.Ordinal));
        Assert.Contains("bars/AAPL: 1\n", status, StringComparison.Ordinal);

        for (var i = 0; i < streams.Count - 1; i++)
        {
            await streams[i].DisposeAsync();
            Assert.Contains("bars/AAPL: 1\n", await observer.GetStatusAsync(), StringComparison.Ordinal);
        }

        var last = streams[^1];
        var bar = await last.NextAsync();
        Assert.Equal("AAPL", bar.Symbol);
        Assert.Equal(0, context.Received().Count(UnsubscribeAapl));

        await last.DisposeAsync();
        await context.WaitUntilAsync(_ => context.Received().Count(UnsubscribeAapl) == 1, "the last stream unsubscribes");
        Assert.DoesNotContain("bars/AAPL", await observer.GetStatusAsync(), StringComparison.Ordinal);
        Assert.Equal(1, context.Received().Count(SubscribeAapl));
    }

    [Fact]
    public async Task Bars_SameSymbolInTwoProcesses_SubscribedOnceAndUnsubscribedWhenTheLastLeaves()
    {
        await using var context = await IntegrationContext.StartAsync();
        var stocks = await context.ConnectAsync("test");
        await using var ours = stocks.Bars("AAPL").GetAsyncEnumerator();
        await ours.NextAsync();

        var strategy = context.StartStrategy("AAPL", count: 1);
        await strategy.WaitForLineAsync("DONE");
        await strategy.DisposeAsync();

        // The strategy's subscription was already held by this process: upstream heard of neither its
        // subscribe nor its unsubscribe, and this process's stream goes on.
        await ours.NextAsync();
        Assert.Equal(1, context.Received().Count(SubscribeAapl));
        Assert.Equal(0, context.Received().Count(UnsubscribeAapl));

        await ours.DisposeAsync();
        await context.WaitUntilAsync(_ => context.Received().Count(UnsubscribeAapl) == 1, "the last holder unsubscribes");
    }
}
