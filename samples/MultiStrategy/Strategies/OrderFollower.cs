using System.Globalization;
using WebsocketProxy.Alpaca;
using WebsocketProxy.Alpaca.Trading;

namespace MultiStrategy.Strategies;

/// <summary>
/// Trades, and follows its own orders only: buys one share at the market, offers it back a little higher when the buy
/// fills, and buys again when the sale fills (or an order ends unfilled). Its client order ids carry its name as a
/// prefix, so among the account's order events, which every process of the account shares over one connection, it
/// sees exactly its own.
/// </summary>
internal static class OrderFollower
{
    private const decimal TakeProfit = 1.001m;

    public static async Task RunAsync(AlpacaProxy alpaca, string name, IReadOnlyList<string> symbols, StrategyStats stats, CancellationToken cancellationToken)
    {
        var prefix = name + "-";
        var symbol = symbols[Math.Abs(name.Length + name[^1]) % symbols.Count];
        var sequence = 0;
        string NextId() => prefix + (++sequence).ToString(CultureInfo.InvariantCulture);

        // Listening before the first order: not even its first fill can be missed.
        var updates = await alpaca.Trading.OpenTradeUpdatesAsync(prefix, cancellationToken: cancellationToken);
        await using (updates)
        {
            await alpaca.Orders.PlaceAsync(OrderRequest.Market(symbol, 1, OrderSide.Buy, NextId()), cancellationToken);
            while (await updates.WaitToReadAsync(cancellationToken))
            {
                while (updates.TryRead(out var update))
                {
                    var signal = await ReactAsync(alpaca.Orders, update, NextId, cancellationToken);
                    stats.OnMessage(update.Timestamp.UtcDateTime, signal);
                }
            }
        }
    }

    private static async Task<string?> ReactAsync(AlpacaOrdersClient orders, TradeUpdate update, Func<string> nextId, CancellationToken cancellationToken)
    {
        var order = update.Order;
        switch (update.Event)
        {
            case TradeUpdateEvent.Fill when order.Side == OrderSide.Buy:
                var price = update.Price ?? order.FilledAveragePrice ?? 0m;
                var target = Math.Round(price * TakeProfit, 2, MidpointRounding.AwayFromZero);
                await orders.PlaceAsync(OrderRequest.Limit(order.Symbol, order.FilledQuantity, OrderSide.Sell, target, nextId()), cancellationToken);
                return string.Create(CultureInfo.InvariantCulture, $"{order.Symbol} bought {order.FilledQuantity} @ {price}, offered @ {target}");
            case TradeUpdateEvent.Fill:
                // Sold: a short pause, so that a fast market does not turn the loop into an order storm.
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                await orders.PlaceAsync(OrderRequest.Market(order.Symbol, 1, OrderSide.Buy, nextId()), cancellationToken);
                return string.Create(CultureInfo.InvariantCulture, $"{order.Symbol} sold {order.FilledQuantity} @ {update.Price}");
            case TradeUpdateEvent.Canceled or TradeUpdateEvent.Expired or TradeUpdateEvent.Rejected when order.Side == OrderSide.Buy:
                await orders.PlaceAsync(OrderRequest.Market(order.Symbol, 1, OrderSide.Buy, nextId()), cancellationToken);
                return $"{order.Symbol} buy {update.EventText}, buying again";
            default:
                return null;
        }
    }
}
