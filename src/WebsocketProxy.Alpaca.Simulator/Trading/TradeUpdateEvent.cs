namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>One trade update of an account, with the order as it stood after the event (already written as JSON).</summary>
/// <param name="Event">new, partial_fill, fill, canceled, expired or rejected.</param>
/// <param name="Nanos">When it happened, in market nanoseconds.</param>
/// <param name="Order">The order object's JSON.</param>
/// <param name="ExecutionId">For a fill, the execution's id.</param>
/// <param name="Price">For a fill, its price.</param>
/// <param name="Qty">For a fill, its quantity.</param>
/// <param name="PositionQty">The account's position in the symbol after the event.</param>
internal sealed record TradeUpdateEvent(
    string Event,
    long Nanos,
    byte[] Order,
    Guid? ExecutionId = null,
    decimal? Price = null,
    decimal? Qty = null,
    decimal? PositionQty = null);
