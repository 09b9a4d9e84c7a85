using System.Collections.Immutable;

namespace WebsocketProxy.Alpaca.Trading;

/// <summary>
/// An order as Alpaca describes it, in trade updates and in the order REST calls: every field of its order object.
/// Optional values are <see langword="null"/> when Alpaca sends <c>null</c> or leaves them out; quantities and prices
/// are exact decimals (Alpaca sends them as strings of up to nine fraction digits).
/// </summary>
public sealed record Order
{
    /// <summary>Alpaca's id of the order (<c>id</c>).</summary>
    public Guid Id { get; init; }

    /// <summary>The id the client chose, or Alpaca's when it chose none (<c>client_order_id</c>); unique per account.</summary>
    public string ClientOrderId { get; init; } = string.Empty;

    /// <summary>When the order was created (<c>created_at</c>).</summary>
    public AlpacaTimestamp? CreatedAt { get; init; }

    /// <summary>When the order last changed (<c>updated_at</c>).</summary>
    public AlpacaTimestamp? UpdatedAt { get; init; }

    /// <summary>When the order was submitted (<c>submitted_at</c>).</summary>
    public AlpacaTimestamp? SubmittedAt { get; init; }

    /// <summary>When the order was completely filled (<c>filled_at</c>).</summary>
    public AlpacaTimestamp? FilledAt { get; init; }

    /// <summary>When the order expired (<c>expired_at</c>).</summary>
    public AlpacaTimestamp? ExpiredAt { get; init; }

    /// <summary>When the order will be canceled automatically (<c>expires_at</c>).</summary>
    public AlpacaTimestamp? ExpiresAt { get; init; }

    /// <summary>When the order was canceled (<c>canceled_at</c>).</summary>
    public AlpacaTimestamp? CanceledAt { get; init; }

    /// <summary>When the order failed (<c>failed_at</c>).</summary>
    public AlpacaTimestamp? FailedAt { get; init; }

    /// <summary>When the order was replaced (<c>replaced_at</c>).</summary>
    public AlpacaTimestamp? ReplacedAt { get; init; }

    /// <summary>The order that replaced this one (<c>replaced_by</c>).</summary>
    public Guid? ReplacedBy { get; init; }

    /// <summary>The order this one replaces (<c>replaces</c>).</summary>
    public Guid? Replaces { get; init; }

    /// <summary>The asset's id (<c>asset_id</c>); absent at the top of a multi-leg order.</summary>
    public Guid? AssetId { get; init; }

    /// <summary>The symbol (<c>symbol</c>); empty at the top of a multi-leg order.</summary>
    public string Symbol { get; init; } = string.Empty;

    /// <summary>The asset class (<c>asset_class</c>).</summary>
    public AssetClass AssetClass { get; init; }

    /// <summary>The amount in dollars ordered, for notional orders (<c>notional</c>); then <see cref="Quantity"/> is <see langword="null"/>.</summary>
    public decimal? Notional { get; init; }

    /// <summary>The quantity ordered (<c>qty</c>); <see langword="null"/> for notional orders.</summary>
    public decimal? Quantity { get; init; }

    /// <summary>The quantity filled so far (<c>filled_qty</c>).</summary>
    public decimal FilledQuantity { get; init; }

    /// <summary>The average fill price (<c>filled_avg_price</c>); <see langword="null"/> before the first fill.</summary>
    public decimal? FilledAveragePrice { get; init; }

    /// <summary>The order class (<c>order_class</c>); <see cref="Trading.OrderClass.Simple"/> when Alpaca leaves it empty.</summary>
    public OrderClass OrderClass { get; init; } = OrderClass.Simple;

    /// <summary>The order type (<c>type</c>, or the deprecated <c>order_type</c> when <c>type</c> is absent).</summary>
    public OrderType Type { get; init; }

    /// <summary>Buy or sell (<c>side</c>).</summary>
    public OrderSide Side { get; init; }

    /// <summary>How long the order works (<c>time_in_force</c>).</summary>
    public TimeInForce TimeInForce { get; init; }

    /// <summary>The limit price (<c>limit_price</c>), for limit and stop-limit orders.</summary>
    public decimal? LimitPrice { get; init; }

    /// <summary>The stop price (<c>stop_price</c>), for stop and stop-limit orders.</summary>
    public decimal? StopPrice { get; init; }

    /// <summary>The order's state (<c>status</c>); <see cref="OrderStatus.Unknown"/> for a state this library does not know (see <see cref="StatusText"/>).</summary>
    public OrderStatus Status { get; init; }

    /// <summary>The state exactly as Alpaca sent it, for states newer than this library.</summary>
    public string StatusText { get; init; } = string.Empty;

    /// <summary>Whether the order may execute outside regular hours (<c>extended_hours</c>).</summary>
    public bool ExtendedHours { get; init; }

    /// <summary>The legs of a bracket, OCO, OTO or multi-leg order (<c>legs</c>); empty for simple orders.</summary>
    public ImmutableArray<Order> Legs { get; init; } = ImmutableArray<Order>.Empty;

    /// <summary>A trailing stop's distance in percent (<c>trail_percent</c>).</summary>
    public decimal? TrailPercent { get; init; }

    /// <summary>A trailing stop's distance in dollars (<c>trail_price</c>).</summary>
    public decimal? TrailPrice { get; init; }

    /// <summary>The high (or low) water mark of a trailing stop (<c>hwm</c>).</summary>
    public decimal? HighWaterMark { get; init; }

    /// <summary>The position the order opens or closes (<c>position_intent</c>).</summary>
    public PositionIntent? PositionIntent { get; init; }

    /// <summary>A leg's share of a multi-leg order (<c>ratio_qty</c>).</summary>
    public decimal? RatioQuantity { get; init; }

    /// <summary>Where the order came from (<c>source</c>), when Alpaca says.</summary>
    public string? Source { get; init; }

    /// <summary>The broker partner's sub-tag (<c>subtag</c>), when set.</summary>
    public string? Subtag { get; init; }

    /// <summary>Value equality, comparing the legs element by element (an <see cref="ImmutableArray{T}"/> alone compares by reference).</summary>
    public bool Equals(Order? other) =>
        other is not null
            && Id == other.Id
            && ClientOrderId == other.ClientOrderId
            && CreatedAt == other.CreatedAt
            && UpdatedAt == other.UpdatedAt
            && SubmittedAt == other.SubmittedAt
            && FilledAt == other.FilledAt
            && ExpiredAt == other.ExpiredAt
            && ExpiresAt == other.ExpiresAt
            && CanceledAt == other.CanceledAt
            && FailedAt == other.FailedAt
            && ReplacedAt == other.ReplacedAt
            && ReplacedBy == other.ReplacedBy
            && Replaces == other.Replaces
            && AssetId == other.AssetId
            && Symbol == other.Symbol
            && AssetClass == other.AssetClass
            && Notional == other.Notional
            && Quantity == other.Quantity
            && FilledQuantity == other.FilledQuantity
            && FilledAveragePrice == other.FilledAveragePrice
            && OrderClass == other.OrderClass
            && Type == other.Type
            && Side == other.Side
            && TimeInForce == other.TimeInForce
            && LimitPrice == other.LimitPrice
            && StopPrice == other.StopPrice
            && Status == other.Status
            && StatusText == other.StatusText
            && ExtendedHours == other.ExtendedHours
            && TrailPercent == other.TrailPercent
            && TrailPrice == other.TrailPrice
            && HighWaterMark == other.HighWaterMark
            && PositionIntent == other.PositionIntent
            && RatioQuantity == other.RatioQuantity
            && Source == other.Source
            && Subtag == other.Subtag
            && Models.ArrayEquality.Equal(Legs, other.Legs);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, ClientOrderId, UpdatedAt, Status, FilledQuantity);
}
