using WebsocketProxy.Alpaca.Simulator.Market;

namespace WebsocketProxy.Alpaca.Simulator.Trading;

internal sealed partial class TradingEngine
{
    /// <summary>
    /// Called by the market thread for every slice of market time: each order submitted by then becomes
    /// <c>new</c> at its submission time and is matched against the quote standing then; every symbol with
    /// resting orders then moves on to <paramref name="until"/>, filling them as its quotes cross them.
    /// </summary>
    public void Advance(long until)
    {
        lock (_lock)
        {
            while (_pending.TryPeek(out var next) && next.CreatedNanos <= until)
            {
                _pending.Dequeue();
                if (next.IsOpen)
                {
                    Process(next);
                }
            }

            foreach (var symbol in _symbols.Values)
            {
                if (symbol.Resting.Count > 0)
                {
                    symbol.Advance(until);
                    ExpireDue(symbol, until);
                }
            }
        }
    }

    private void Process(SimOrder order)
    {
        var account = _accounts[order.AccountKeyId];
        var symbol = Symbol(order.Symbol);
        var t = Math.Max(order.CreatedNanos, symbol.ProducedUntil);
        symbol.Advance(t);
        if (_rejectNext > 0)
        {
            _rejectNext--;
            order.Status = OrderStatus.Rejected;
            order.FailedNanos = t;
            order.UpdatedNanos = t;
            Emit(account, new TradeUpdateEvent("rejected", t, OrderJson.Order(order)));
            return;
        }

        order.Status = OrderStatus.New;
        order.UpdatedNanos = t;
        Emit(account, new TradeUpdateEvent("new", t, OrderJson.Order(order)));
        symbol.Resting.Add(order);
        Match(account, order, symbol, t);
        if (order.IsOpen && order.Request.TimeInForce is "ioc" or "fok")
        {
            // What an immediate order could not take at once is canceled.
            CancelLocked(account, order, t);
        }
    }

    private TradingSymbol Symbol(string name)
    {
        if (!_symbols.TryGetValue(name, out var symbol))
        {
            // The same process as the feeds' copy of this stock, caught up silently to where the market is.
            var stock = new StockSymbol(name, _options, _clock.StartNanos);
            symbol = new TradingSymbol(stock, _clock.StartNanos);
            stock.QuoteListener = _ => OnQuote(symbol);
            _symbols.Add(name, symbol);
        }

        return symbol;
    }

    /// <summary>A fresh quote: its whole size is available again; due day orders expire first.</summary>
    private void OnQuote(TradingSymbol symbol)
    {
        symbol.AskLeft = symbol.Stock.LastAskSize;
        symbol.BidLeft = symbol.Stock.LastBidSize;
        var t = symbol.Stock.LastQuoteNanos;
        ExpireDue(symbol, t);
        if (symbol.Resting.Count == 0)
        {
            return;
        }

        foreach (var order in symbol.Resting.ToList())
        {
            if (order.IsOpen)
            {
                Match(_accounts[order.AccountKeyId], order, symbol, t);
            }
        }
    }

    private void Match(TradingAccount account, SimOrder order, TradingSymbol symbol, long t)
    {
        if (!symbol.Stock.HasQuote)
        {
            return;
        }

        var request = order.Request;
        var buy = request.Side == OrderSide.Buy;
        if (request.Type is OrderType.Stop or OrderType.StopLimit && !order.Triggered)
        {
            // A stop becomes a market (or limit) order once the market reaches its stop price.
            order.Triggered = buy ? symbol.Ask >= request.StopPrice : symbol.Bid <= request.StopPrice;
            if (!order.Triggered)
            {
                return;
            }
        }

        var price = buy ? symbol.Ask : symbol.Bid;
        if (request.LimitPrice is { } limit && (buy ? price > limit : price < limit))
        {
            return;
        }

        if (request.Notional is { } notional)
        {
            // Fractional, dollar-sized orders fill in one execution at the quote, as Alpaca fills them.
            var qty = Math.Max(decimal.Round(notional / price, 9, MidpointRounding.ToZero), 0.000000001m);
            Fill(account, order, symbol, qty, price, t);
            return;
        }

        var available = buy ? symbol.AskLeft : symbol.BidLeft;
        var remaining = order.Remaining!.Value;
        if (available <= 0 || (request.TimeInForce == "fok" && available < remaining))
        {
            return;
        }

        var fill = Math.Min(remaining, available);
        if (buy)
        {
            symbol.AskLeft -= fill;
        }
        else
        {
            symbol.BidLeft -= fill;
        }

        Fill(account, order, symbol, fill, price, t);
    }

    private void Fill(TradingAccount account, SimOrder order, TradingSymbol symbol, decimal qty, decimal price, long t)
    {
        order.FilledQty += qty;
        order.FilledValue += qty * price;
        order.FillCount++;
        order.UpdatedNanos = t;
        if (!account.Positions.TryGetValue(order.Symbol, out var position))
        {
            position = new SimPosition();
            account.Positions.Add(order.Symbol, position);
        }

        position.Apply(order.Request.Side == OrderSide.Buy ? qty : -qty, price);
        var done = order.Request.Notional is not null || order.Remaining == 0;
        order.Status = done ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
        if (done)
        {
            order.FilledNanos = t;
            symbol.Resting.Remove(order);
        }

        Emit(account, new TradeUpdateEvent(done ? "fill" : "partial_fill", t, OrderJson.Order(order), account.NextId(), price, qty, position.Qty));
    }

    private void CancelLocked(TradingAccount account, SimOrder order, long t)
    {
        order.Status = OrderStatus.Canceled;
        order.CanceledNanos = t;
        order.UpdatedNanos = t;
        if (_symbols.TryGetValue(order.Symbol, out var symbol))
        {
            symbol.Resting.Remove(order);
        }

        Emit(account, new TradeUpdateEvent("canceled", t, OrderJson.Order(order)));
    }

    private void ExpireDue(TradingSymbol symbol, long now)
    {
        if (!symbol.Resting.Exists(o => o.ExpiresNanos != 0 && o.ExpiresNanos <= now))
        {
            return;
        }

        // In arrival order, as the orders were placed.
        foreach (var order in symbol.Resting.Where(o => o.ExpiresNanos != 0 && o.ExpiresNanos <= now).ToList())
        {
            symbol.Resting.Remove(order);
            order.Status = OrderStatus.Expired;
            order.ExpiredNanos = order.ExpiresNanos;
            order.UpdatedNanos = order.ExpiresNanos;
            Emit(_accounts[order.AccountKeyId], new TradeUpdateEvent("expired", order.ExpiresNanos, OrderJson.Order(order)));
        }
    }

    /// <summary>Sends the update to every session of the account that listens to <c>trade_updates</c>.</summary>
    private void Emit(TradingAccount account, TradeUpdateEvent update)
    {
        var message = OrderJson.TradeUpdate(update);
        account.Events.Add(update);
        _counters?.TradeUpdateMade();
        foreach (var session in Sessions.Snapshot)
        {
            if (session.KeyId == account.KeyId && session.IsListening)
            {
                session.SendTradeUpdate(message);
            }
        }
    }
}
