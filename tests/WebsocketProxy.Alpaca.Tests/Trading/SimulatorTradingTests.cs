using System.Net;
using WebsocketProxy.Alpaca.Tests.Integration;
using WebsocketProxy.Alpaca.Trading;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Tests.Trading;

/// <summary>Orders placed with <see cref="AlpacaOrdersClient"/> at the simulator, and their events through the proxy's trading stream.</summary>
public sealed class SimulatorTradingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PlaceAsync_MarketOrder_StreamsNewThenFillAndGetShowsItFilled()
    {
        await using var context = await IntegrationContext.StartAsync();
        await using var alpaca = await AlpacaProxy.ConnectAsync(context.Credentials, context.Options("market") with { OpenStocksOnConnect = false });
        await using var updates = await alpaca.Trading.OpenTradeUpdatesAsync("mkt-");

        var placed = await alpaca.Orders.PlaceAsync(OrderRequest.Market("AAPL", 3, OrderSide.Buy, clientOrderId: "mkt-1"));

        Assert.Equal(("mkt-1", "AAPL", 3m, OrderType.Market, OrderSide.Buy), (placed.ClientOrderId, placed.Symbol, placed.Quantity, placed.Type, placed.Side));
        var events = await UntilAsync(updates, u => u.Event == TradeUpdateEvent.Fill);
        Assert.Equal(TradeUpdateEvent.New, events[0].Event);
        Assert.All(events, e => Assert.Equal(placed.Id, e.Order.Id));
        var fill = events[^1];
        Assert.Equal((3m, OrderStatus.Filled), (fill.Order.FilledQuantity, fill.Order.Status));
        Assert.NotNull(fill.Price);
        Assert.Equal(3m, events.Where(e => e.Event is TradeUpdateEvent.Fill or TradeUpdateEvent.PartialFill).Sum(e => e.Quantity));
        var fetched = await alpaca.Orders.GetAsync(placed.Id);
        Assert.Equal((OrderStatus.Filled, 3m, fill.Order.FilledAveragePrice), (fetched.Status, fetched.FilledQuantity, fetched.FilledAveragePrice));
        Assert.Contains(await alpaca.Orders.ListAsync(OrderQueryStatus.Closed), o => o.Id == placed.Id);
        var notCancelable = await Assert.ThrowsAsync<AlpacaApiException>(() => alpaca.Orders.CancelAsync(placed.Id));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, 42210000L), (notCancelable.StatusCode, notCancelable.Code));
    }

    [Fact]
    public async Task CancelAsync_RestingLimitOrder_ListsItOpenThenStreamsCanceled()
    {
        await using var context = await IntegrationContext.StartAsync();
        await using var alpaca = await AlpacaProxy.ConnectAsync(context.Credentials, context.Options("limit") with { OpenStocksOnConnect = false });
        await using var updates = await alpaca.Trading.OpenTradeUpdatesAsync("lmt-");

        // Far below the market: it rests.
        var placed = await alpaca.Orders.PlaceAsync(OrderRequest.Limit("MSFT", 2, OrderSide.Buy, 1.25m, clientOrderId: "lmt-1"));
        Assert.Equal(1.25m, placed.LimitPrice);
        Assert.Contains(await alpaca.Orders.ListAsync(OrderQueryStatus.Open, limit: 50), o => o.Id == placed.Id);
        await alpaca.Orders.CancelAsync(placed.Id);

        var events = await UntilAsync(updates, u => u.Event == TradeUpdateEvent.Canceled);
        Assert.DoesNotContain(events, e => e.Event is TradeUpdateEvent.Fill or TradeUpdateEvent.PartialFill);
        Assert.Equal(OrderStatus.Canceled, (await alpaca.Orders.GetAsync(placed.Id)).Status);
    }

    [Fact]
    public async Task GetAsync_UnknownOrderOrWrongKey_ThrowsWithAlpacasStatusCodeAndMessage()
    {
        await using var context = await IntegrationContext.StartAsync();
        using var orders = new AlpacaOrdersClient(context.Credentials, context.Simulator.BaseUri);
        using var wrongKey = new AlpacaOrdersClient(new AlpacaCredentials(context.Credentials.KeyId, "wrong"), context.Simulator.TradingApiUri);

        var missing = await Assert.ThrowsAsync<AlpacaApiException>(() => orders.GetAsync(Guid.NewGuid()));
        var refused = await Assert.ThrowsAsync<AlpacaApiException>(() => wrongKey.ListAsync());

        Assert.Equal((HttpStatusCode.NotFound, 40410000L, "order not found"), (missing.StatusCode, missing.Code, missing.ServerMessage));
        Assert.Equal((HttpStatusCode.Unauthorized, 40110000L), (refused.StatusCode, refused.Code));
        Assert.DoesNotContain("wrong", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TradeUpdates_TwoStrategyProcessesWithPrefixes_EachSeesOnlyItsOwnFillsOverOneConnection()
    {
        await using var context = await IntegrationContext.StartAsync();
        await using var first = Start(context, "alpha-");
        await first.WaitForLineAsync("LISTENING", Timeout);
        await using var second = Start(context, "beta-");
        await second.WaitForLineAsync("LISTENING", Timeout);
        using var orders = new AlpacaOrdersClient(context.Credentials, context.Simulator.TradingApiUri);

        await orders.PlaceAsync(OrderRequest.Market("AAPL", 1, OrderSide.Buy, clientOrderId: "alpha-1"));
        await orders.PlaceAsync(OrderRequest.Market("MSFT", 1, OrderSide.Buy, clientOrderId: "beta-1"));
        await orders.PlaceAsync(OrderRequest.Market("AAPL", 1, OrderSide.Sell, clientOrderId: "unfollowed-1"));

        await first.WaitForLineAsync("UPDATE fill alpha-1", Timeout);
        await second.WaitForLineAsync("UPDATE fill beta-1", Timeout);
        Assert.All(first.Seen.Where(l => l.StartsWith("UPDATE", StringComparison.Ordinal)), l => Assert.EndsWith(" alpha-1", l, StringComparison.Ordinal));
        Assert.All(second.Seen.Where(l => l.StartsWith("UPDATE", StringComparison.Ordinal)), l => Assert.EndsWith(" beta-1", l, StringComparison.Ordinal));
        Assert.Contains("CONNECTED False", second.Seen);
        Assert.Equal(1, context.Simulator.Counters.TradingConnectionsSeen);
    }

    private static StrategyProcess Start(IntegrationContext context, string prefix)
    {
        var process = StrategyProcess.Start(new Dictionary<string, string>
        {
            ["instance"] = context.Instance,
            ["proxy"] = StrategyProcess.PathOf("ProxyPath"),
            ["base"] = context.Simulator.BaseUri.ToString(),
            ["key"] = context.Credentials.KeyId,
            ["secret"] = context.Credentials.Secret,
            ["symbol"] = "-",
            ["channel"] = "trade_updates",
            ["prefix"] = prefix,
            ["count"] = "0",
        });
        return process;
    }

    /// <summary>The updates up to and including the first that <paramref name="last"/> accepts.</summary>
    private static async Task<List<TradeUpdate>> UntilAsync(StreamSubscription<TradeUpdate> updates, Func<TradeUpdate, bool> last)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var taken = new List<TradeUpdate>();
        while (await updates.WaitToReadAsync(cts.Token))
        {
            while (updates.TryRead(out var update))
            {
                taken.Add(update);
                if (last(update))
                {
                    return taken;
                }
            }
        }

        throw new InvalidOperationException($"The stream ended after {taken.Count} updates.");
    }
}
