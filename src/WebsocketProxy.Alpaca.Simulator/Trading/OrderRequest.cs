namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>A validated <c>POST /v2/orders</c> body.</summary>
internal sealed record OrderRequest(
    string Symbol,
    decimal? Qty,
    decimal? Notional,
    OrderSide Side,
    OrderType Type,
    string TimeInForce,
    decimal? LimitPrice,
    decimal? StopPrice,
    string? ClientOrderId,
    bool ExtendedHours,
    string? PositionIntent);
