namespace WebsocketProxy.Alpaca.Trading;

/// <summary>
/// One event of the account's orders from Alpaca's <c>trade_updates</c> stream: what happened (<see cref="Event"/>),
/// the fill's price and quantity when it was one, and the whole order as it stands after the event.
/// </summary>
public sealed record TradeUpdate
{
    /// <summary>What happened; <see cref="TradeUpdateEvent.Unknown"/> for an event this library does not know (see <see cref="EventText"/>).</summary>
    public TradeUpdateEvent Event { get; init; }

    /// <summary>The event exactly as Alpaca sent it (<c>event</c>), kept for events newer than this library.</summary>
    public string EventText { get; init; } = string.Empty;

    /// <summary>When the event happened (<c>timestamp</c>): the fill's time for fills.</summary>
    public AlpacaTimestamp Timestamp { get; init; }

    /// <summary>The fill's price (<c>price</c>), for fills and partial fills.</summary>
    public decimal? Price { get; init; }

    /// <summary>The fill's quantity (<c>qty</c>), for fills and partial fills.</summary>
    public decimal? Quantity { get; init; }

    /// <summary>The account's position in the symbol after the fill (<c>position_qty</c>), for fills and partial fills.</summary>
    public decimal? PositionQuantity { get; init; }

    /// <summary>The execution's id (<c>execution_id</c>), when Alpaca sends one.</summary>
    public Guid? ExecutionId { get; init; }

    /// <summary>The order after the event (<c>order</c>).</summary>
    public required Order Order { get; init; }
}
