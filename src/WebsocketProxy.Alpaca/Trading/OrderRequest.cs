namespace WebsocketProxy.Alpaca.Trading;

/// <summary>
/// A new order for <see cref="AlpacaOrdersClient.PlaceAsync"/> (<c>POST /v2/orders</c>): a quantity or a notional
/// amount, side, type, time in force, and the prices the type needs. <see cref="Market"/> and <see cref="Limit"/> build
/// the common ones.
/// </summary>
public sealed record OrderRequest
{
    /// <summary>The symbol (<c>symbol</c>), such as <c>AAPL</c> or <c>BTC/USD</c>.</summary>
    public required string Symbol { get; init; }

    /// <summary>How many shares or units (<c>qty</c>); set this or <see cref="Notional"/>.</summary>
    public decimal? Quantity { get; init; }

    /// <summary>How many dollars' worth (<c>notional</c>), for market day orders; set this or <see cref="Quantity"/>.</summary>
    public decimal? Notional { get; init; }

    /// <summary>Buy or sell (<c>side</c>).</summary>
    public required OrderSide Side { get; init; }

    /// <summary>The order type (<c>type</c>).</summary>
    public OrderType Type { get; init; } = OrderType.Market;

    /// <summary>How long the order works (<c>time_in_force</c>).</summary>
    public TimeInForce TimeInForce { get; init; } = TimeInForce.Day;

    /// <summary>The limit price (<c>limit_price</c>), required for limit and stop-limit orders.</summary>
    public decimal? LimitPrice { get; init; }

    /// <summary>The stop price (<c>stop_price</c>), required for stop and stop-limit orders.</summary>
    public decimal? StopPrice { get; init; }

    /// <summary>
    /// The order's id of the caller's choosing (<c>client_order_id</c>, at most 128 characters, unique per account); a
    /// strategy that prefixes its ids can follow its own orders with <see cref="Streams.AlpacaTradingStream.TradeUpdates(string, WebsocketProxy.Streaming.StreamBufferOptions?, CancellationToken)"/>.
    /// </summary>
    public string? ClientOrderId { get; init; }

    /// <summary>Whether a limit day order may execute outside regular hours (<c>extended_hours</c>).</summary>
    public bool ExtendedHours { get; init; }

    /// <summary>A market order for <paramref name="quantity"/> of <paramref name="symbol"/>, good for the day.</summary>
    public static OrderRequest Market(string symbol, decimal quantity, OrderSide side, string? clientOrderId = null) =>
        new() { Symbol = symbol, Quantity = quantity, Side = side, ClientOrderId = clientOrderId };

    /// <summary>A limit order for <paramref name="quantity"/> of <paramref name="symbol"/> at <paramref name="limitPrice"/> or better, good for the day.</summary>
    public static OrderRequest Limit(string symbol, decimal quantity, OrderSide side, decimal limitPrice, string? clientOrderId = null) =>
        new() { Symbol = symbol, Quantity = quantity, Side = side, Type = OrderType.Limit, LimitPrice = limitPrice, ClientOrderId = clientOrderId };

    /// <summary>Checks what Alpaca would refuse anyway, so the mistake is named before the request leaves.</summary>
    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Symbol, nameof(Symbol));
        if (Quantity is null == Notional is null)
        {
            throw new ArgumentException("An order needs exactly one of Quantity and Notional.", nameof(Quantity));
        }

        if (Quantity <= 0 || Notional <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Quantity), "The quantity or notional amount must be positive.");
        }

        if (Type is OrderType.Limit or OrderType.StopLimit && LimitPrice is null)
        {
            throw new ArgumentException($"A {Type} order needs a LimitPrice.", nameof(LimitPrice));
        }

        if (Type is OrderType.Stop or OrderType.StopLimit && StopPrice is null)
        {
            throw new ArgumentException($"A {Type} order needs a StopPrice.", nameof(StopPrice));
        }

        if (ClientOrderId is { Length: > 128 })
        {
            throw new ArgumentException("A client order id has at most 128 characters.", nameof(ClientOrderId));
        }

        // Formatting throws for Unknown, which has no wire text.
        _ = (TradingWireNames.Format(Side), TradingWireNames.Format(Type), TradingWireNames.Format(TimeInForce));
    }
}
