namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>A validated <c>PATCH /v2/orders/{id}</c> body: what to change; null keeps the order's value.</summary>
internal sealed record OrderChanges(decimal? Qty, decimal? LimitPrice, decimal? StopPrice, string? TimeInForce, string? ClientOrderId);
