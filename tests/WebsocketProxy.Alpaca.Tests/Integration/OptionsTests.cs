using WebsocketProxy.Alpaca.Errors;
using WebsocketProxy.Alpaca.Simulator;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Tests.Integration;

/// <summary>
/// Options through the real proxy against the real simulator: one MessagePack upstream per feed and key, shared by
/// several processes, each reading its own contracts; the service's option-only refusals reach the caller.
/// </summary>
public sealed class OptionsTests
{
    private const string Call = "AAPL241220C00200000";
    private const string Put = "SPY241220P00500000";

    [Fact]
    public async Task OptionsTrades_ThreeProcesses_OneMessagePackUpstreamEachGetsItsContract()
    {
        await using var context = await IntegrationContext.StartAsync();
        var proxy = await context.ConnectAsync("options", openStocks: false);
        var ours = proxy.Options.Trades(Call).TakeAsync(3);

        var puts = context.StartStrategy(Put, count: 3, channel: "option-trades");
        var quotes = context.StartStrategy(Call, count: 3, channel: "option-quotes");
        await puts.WaitForLineAsync("DONE");
        await quotes.WaitForLineAsync("DONE");

        Assert.All(await ours, trade =>
        {
            Assert.Equal(Call, trade.Symbol);
            Assert.NotEmpty(trade.Condition);
            Assert.True(trade.Price > 0 && trade.Size > 0);
        });
        Assert.All(puts.Seen.Where(l => l.StartsWith("OPTIONTRADE", StringComparison.Ordinal)), l => Assert.StartsWith($"OPTIONTRADE {Put} ", l, StringComparison.Ordinal));
        Assert.Equal(3, quotes.Seen.Count(l => l == $"OPTIONQUOTE {Call}"));
        Assert.Contains("CONNECTED False", puts.Seen);

        // One upstream connection for the three processes: the options feed, in MessagePack, authenticated once.
        var upstream = Assert.Single(context.Simulator.Counters.Connections);
        Assert.Equal(("/v1beta1/indicative", true), (upstream.Path, upstream.IsMessagePack));
        Assert.Single(context.Received(), m => m.Contains("\"auth\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WireFormatJson_StocksInJson_OptionsStillInMessagePack()
    {
        await using var context = await IntegrationContext.StartAsync();
        var proxy = await context.ConnectAsync("json", configure: o => o with { WireFormat = AlpacaWireFormat.Json });

        var trade = Assert.Single(await proxy.Options.Trades(Call).TakeAsync(1));
        var bar = Assert.Single(await proxy.Bars("AAPL").TakeAsync(1));

        Assert.Equal((Call, "AAPL"), (trade.Symbol, bar.Symbol));
        var connections = context.Simulator.Counters.Connections;
        Assert.Equal(2, connections.Count);
        Assert.False(connections.Single(c => c.Path == "/v2/iex").IsMessagePack);
        Assert.True(connections.Single(c => c.Path == "/v1beta1/indicative").IsMessagePack);
    }

    [Fact]
    public async Task OptionsFeed_Opra_ReadsTheOpraStream()
    {
        await using var context = await IntegrationContext.StartAsync();
        var proxy = await context.ConnectAsync("opra", openStocks: false, configure: o => o with { OptionsFeed = AlpacaOptionsFeed.Opra });

        var quote = Assert.Single(await proxy.Options.Quotes(Put).TakeAsync(1));

        Assert.True(quote.BidPrice < quote.AskPrice);
        Assert.Equal(AlpacaOptionsFeed.Opra, proxy.Options.Feed);
        Assert.Equal("/v1beta1/opra", Assert.Single(context.Simulator.Counters.Connections).Path);
    }

    [Fact]
    public async Task OptionsAllQuotes_StarRefused_Fails413AndTradesGoOn()
    {
        await using var context = await IntegrationContext.StartAsync();
        var proxy = await context.ConnectAsync("star", openStocks: false);
        await using var trades = proxy.Options.Trades(Call).GetAsyncEnumerator();
        await trades.NextAsync();

        var refused = await Assert.ThrowsAsync<StreamSubscriptionException>(() => proxy.Options.AllQuotes().TakeAsync(1));

        Assert.Equal(AlpacaErrorCode.StarSubscriptionNotAllowed, Assert.IsType<AlpacaStreamException>(refused.InnerException).Code);
        Assert.Equal(Call, (await trades.NextAsync()).Symbol);
    }

    [Fact]
    public async Task OptionsTrades_MalformedOccSymbol_Fails400()
    {
        await using var context = await IntegrationContext.StartAsync();
        var proxy = await context.ConnectAsync("malformed", openStocks: false);

        var refused = await Assert.ThrowsAsync<StreamSubscriptionException>(() => proxy.Options.Trades("AAPL").TakeAsync(1));

        Assert.Equal(AlpacaErrorCode.InvalidSyntax, Assert.IsType<AlpacaStreamException>(refused.InnerException).Code);
    }

    [Fact]
    public async Task OptionsQuotes_UpstreamDropped_GapThenQuotesAgainOnTheSameStream()
    {
        await using var context = await IntegrationContext.StartAsync();
        var proxy = await context.ConnectAsync("options-drop", openStocks: false);
        var reconnected = new TaskCompletionSource<StreamGapEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        proxy.Gap += (_, e) =>
        {
            if (e.Reconnected)
            {
                reconnected.TrySetResult(e);
            }
        };
        await using var quotes = proxy.Options.Quotes(Call).GetAsyncEnumerator();
        var before = await quotes.NextAsync();

        context.Simulator.Faults.DropAllConnections();
        await reconnected.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await context.WaitUntilAsync(c => c.ConnectionsSeen == 2 && c.Connections[1].Subscriptions.TryGetValue("quotes", out var held) && held.Contains(Call), "the proxy restores the option subscription");
        var after = await quotes.NextAsync();
        while (after.Timestamp <= before.Timestamp)
        {
            after = await quotes.NextAsync();
        }

        Assert.True(context.Simulator.Counters.Connections[1].IsMessagePack, "The reconnected options upstream speaks MessagePack again.");
    }

    [Fact]
    public async Task Options_KeyWithoutOpra_Fails409AtOpen()
    {
        var key = AlpacaKeyPair.Default with { Feeds = new HashSet<AlpacaSimulatorFeed> { AlpacaSimulatorFeed.Iex, AlpacaSimulatorFeed.Indicative } };
        await using var context = await IntegrationContext.StartAsync(AlpacaSimulatorOptions.Default with { KeyPairs = [key], TimeScale = 60 });
        var proxy = await context.ConnectAsync("no-opra", openStocks: false, configure: o => o with { OptionsFeed = AlpacaOptionsFeed.Opra });

        var refused = await Assert.ThrowsAsync<AlpacaStreamException>(() => proxy.Options.OpenAsync());

        Assert.Equal(AlpacaErrorCode.InsufficientSubscription, refused.Code);
    }
}
