namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>
/// One order of one account, as the simulator keeps it; guarded by the trading engine's lock. Times are market
/// nanoseconds (0: not yet). <see cref="OrderJson"/> writes it with every field Alpaca's order object has.
/// </summary>
internal sealed class SimOrder
{
    public required Guid Id { get; init; }

    public required string ClientOrderId { get; init; }

    public required string AccountKeyId { get; init; }

    public required string Symbol { get; init; }

    public required Guid AssetId { get; init; }

    public required OrderRequest Request { get; init; }

    public required string PositionIntent { get; init; }

    public required long CreatedNanos { get; init; }

    /// <summary>When a day order expires (the end of its market day); 0 for the others.</summary>
    public long ExpiresNanos { get; init; }

    public string Status { get; set; } = OrderStatus.Accepted;

    public long UpdatedNanos { get; set; }

    public long FilledNanos { get; set; }

    public long CanceledNanos { get; set; }

    public long ExpiredNanos { get; set; }

    public long FailedNanos { get; set; }

    public decimal FilledQty { get; set; }

    /// <summary>Sum of price times quantity of the fills, for the average price.</summary>
    public decimal FilledValue { get; set; }

    public int FillCount { get; set; }

    /// <summary>A stop order whose stop price was reached: it now works as a market or limit order.</summary>
    public bool Triggered { get; set; }

    public decimal? FilledAvgPrice => FilledQty == 0 ? null : decimal.Round(FilledValue / FilledQty, 9);

    /// <summary>What is left to fill; for a notional order, unknown (null) until its single fill.</summary>
    public decimal? Remaining => Request.Qty is { } qty ? qty - FilledQty : null;

    public bool IsOpen => OrderStatus.IsOpen(Status);
}
