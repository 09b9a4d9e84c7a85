using WebsocketProxy.Alpaca.Simulator.Market;
using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>
/// Accounts, orders and their matching against the simulated quotes. The REST handlers submit, read and cancel
/// under one lock; the market thread processes submitted orders at their submission time and fills resting
/// orders as each quote comes (<see cref="Advance"/>), under the same lock. Everything that decides a fill is
/// market time and the seed, so a run on a fake clock is repeatable to the last id and nanosecond.
/// </summary>
internal sealed partial class TradingEngine
{
    private readonly Lock _lock = new();
    private readonly AlpacaSimulatorOptions _options;
    private readonly MarketClock _clock;
    private readonly Dictionary<string, TradingAccount> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TradingSymbol> _symbols = new(StringComparer.Ordinal);
    private readonly Queue<SimOrder> _pending = new();
    private AlpacaSimulatorCounters? _counters;
    private int _rejectNext;
    private string _rejectReason = string.Empty;

    public TradingEngine(AlpacaSimulatorOptions options, MarketClock clock)
    {
        _options = options;
        _clock = clock;
    }

    /// <summary>The open <c>/stream</c> sessions, to which each account's trade updates go.</summary>
    public TradingSessionRegistry Sessions { get; } = new();

    public void Start(AlpacaSimulatorCounters counters) => _counters = counters;

    /// <summary>The market time now.</summary>
    public long NowNanos => _clock.NowNanos;

    /// <summary>The next <paramref name="count"/> orders are accepted, then rejected (a <c>rejected</c> trade update).</summary>
    public void RejectOrders(int count, string reason)
    {
        lock (_lock)
        {
            _rejectNext = count;
            _rejectReason = reason;
        }
    }

    public void ClearFaults() => RejectOrders(0, string.Empty);

    /// <summary>Accepts an order (status <c>accepted</c>); the market thread makes it <c>new</c> and fills it.</summary>
    public byte[] Submit(string keyId, OrderRequest request, out TradingError? error)
    {
        error = null;
        if (!IsTradable(request.Symbol))
        {
            error = TradingError.AssetNotFound(request.Symbol);
            return [];
        }

        lock (_lock)
        {
            var account = Account(keyId);
            if (request.ClientOrderId is { } given && account.ByClientOrderId.ContainsKey(given))
            {
                error = TradingError.Invalid("client_order_id must be unique");
                return [];
            }

            var id = account.NextId();
            var now = _clock.NowNanos;
            var position = account.PositionQty(request.Symbol);
            var order = new SimOrder
            {
                Id = id,
                ClientOrderId = request.ClientOrderId ?? id.ToString(),
                AccountKeyId = keyId,
                Symbol = request.Symbol,
                AssetId = AssetId(request.Symbol),
                Request = request,
                PositionIntent = request.PositionIntent ?? Intent(request.Side, position),
                CreatedNanos = now,
                UpdatedNanos = now,
                ExpiresNanos = request.TimeInForce == "day" ? now - (now % Timestamps.NanosPerDay) + Timestamps.NanosPerDay : 0,
            };
            account.Add(order);
            _pending.Enqueue(order);
            _counters?.OrderSubmitted();
            return OrderJson.Order(order);
        }
    }

    public byte[]? Get(string keyId, Guid id)
    {
        lock (_lock)
        {
            return _accounts.TryGetValue(keyId, out var account) && account.ById.TryGetValue(id, out var order) ? OrderJson.Order(order) : null;
        }
    }

    public byte[]? GetByClientOrderId(string keyId, string clientOrderId)
    {
        lock (_lock)
        {
            return _accounts.TryGetValue(keyId, out var account) && account.ByClientOrderId.TryGetValue(clientOrderId, out var order)
                ? OrderJson.Order(order)
                : null;
        }
    }

    public byte[] List(string keyId, OrderQuery query)
    {
        lock (_lock)
        {
            if (!_accounts.TryGetValue(keyId, out var account))
            {
                return "[]"u8.ToArray();
            }

            IEnumerable<SimOrder> orders = account.Orders.Where(query.Matches);
            orders = query.Ascending ? orders : orders.Reverse();
            return OrderJson.Orders(orders.Take(query.Limit));
        }
    }

    /// <summary>
    /// Subscribes <paramref name="subscriber"/> to the account's trade updates (server-sent events) and returns
    /// those already made at or after <paramref name="since"/>, in one step so that none is missed or doubled.
    /// </summary>
    public List<(long Nanos, byte[] Data)> SubscribeEvents(string keyId, long since, System.Threading.Channels.ChannelWriter<(long Nanos, byte[] Data)> subscriber)
    {
        lock (_lock)
        {
            return Account(keyId).Events.Subscribe(since, subscriber);
        }
    }

    /// <summary>Ends every open server-sent-events stream (the simulator is stopping).</summary>
    public void EndEventStreams()
    {
        lock (_lock)
        {
            foreach (var account in _accounts.Values)
            {
                account.Events.EndAll();
            }
        }
    }

    public void UnsubscribeEvents(string keyId, System.Threading.Channels.ChannelWriter<(long Nanos, byte[] Data)> subscriber)
    {
        lock (_lock)
        {
            Account(keyId).Events.Unsubscribe(subscriber);
        }
    }

    /// <summary>Cancels an open order at once (a <c>canceled</c> trade update); null when it is not this account's.</summary>
    public bool? Cancel(string keyId, Guid id, out TradingError? error)
    {
        error = null;
        lock (_lock)
        {
            if (!_accounts.TryGetValue(keyId, out var account) || !account.ById.TryGetValue(id, out var order))
            {
                return null;
            }

            if (!order.IsOpen)
            {
                error = TradingError.NotCancelable(order.Status);
                return false;
            }

            CancelLocked(account, order, Math.Max(_clock.NowNanos, order.UpdatedNanos));
            return true;
        }
    }

    /// <summary>Cancels every open order of the account; the answer lists each, as <c>DELETE /v2/orders</c> does.</summary>
    public byte[] CancelAll(string keyId)
    {
        lock (_lock)
        {
            var canceled = new List<SimOrder>();
            if (_accounts.TryGetValue(keyId, out var account))
            {
                foreach (var order in account.Orders.Where(o => o.IsOpen).ToList())
                {
                    CancelLocked(account, order, Math.Max(_clock.NowNanos, order.UpdatedNanos));
                    canceled.Add(order);
                }
            }

            return OrderJson.CancelResults(canceled);
        }
    }

    public byte[] Positions(string keyId, string? symbol, out bool found)
    {
        lock (_lock)
        {
            var held = _accounts.TryGetValue(keyId, out var account)
                ? account.Positions.Where(p => p.Value.Qty != 0 && (symbol is null || p.Key == symbol)).OrderBy(p => p.Key, StringComparer.Ordinal).ToList()
                : [];
            found = symbol is null || held.Count > 0;
            var prices = held.ToDictionary(p => p.Key, p => _symbols.TryGetValue(p.Key, out var s) && s.Stock.HasQuote ? (s.Bid + s.Ask) / 2 : p.Value.AvgEntryPrice);
            return PositionJson.Write(held, prices, symbol is not null, AssetId);
        }
    }

    /// <summary>
    /// A US equity symbol the simulator trades: one of its universe, its test symbol, or well-formed (one to
    /// six letters and digits starting with a letter, an optional class suffix such as <c>BRK.B</c>).
    /// Anything else is an unknown asset, as an unlisted symbol is at Alpaca.
    /// </summary>
    public bool IsTradable(string symbol)
    {
        if (symbol == StreamEndpoint.TestSymbol || _options.StockUniverse.Contains(symbol))
        {
            return true;
        }

        var dot = symbol.IndexOf('.', StringComparison.Ordinal);
        var root = dot < 0 ? symbol : symbol[..dot];
        var suffix = dot < 0 ? string.Empty : symbol[(dot + 1)..];
        return root.Length is >= 1 and <= 6 && char.IsAsciiLetterUpper(root[0]) && root.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c))
            && (dot < 0 || (suffix.Length is >= 1 and <= 2 && suffix.All(char.IsAsciiLetterUpper)));
    }

    private static string Intent(OrderSide side, decimal position) => side == OrderSide.Buy
        ? (position < 0 ? "buy_to_close" : "buy_to_open")
        : (position > 0 ? "sell_to_close" : "sell_to_open");

    /// <summary>A stable id per symbol, whatever the seed, as an asset's id is at Alpaca.</summary>
    private static Guid AssetId(string symbol) => TradingAccount.NewGuid(new Rng(Rng.SeedFor(0, "asset:" + symbol)));

    private TradingAccount Account(string keyId)
    {
        if (!_accounts.TryGetValue(keyId, out var account))
        {
            account = new TradingAccount(keyId, _options.Seed);
            _accounts.Add(keyId, account);
        }

        return account;
    }
}
