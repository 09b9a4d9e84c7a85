using System.Collections.Frozen;

namespace WebsocketProxy.Alpaca.Trading;

/// <summary>
/// The wire text of the trading enums, both ways. Unknown text parses to <c>Unknown</c> (Alpaca adds values; a new
/// one must not fail a decode), and <c>Unknown</c> has no text: sending it is a caller error.
/// </summary>
internal static class TradingWireNames
{
    private static readonly FrozenDictionary<string, TradeUpdateEvent> TradeUpdateEventValues = new Dictionary<string, TradeUpdateEvent>(StringComparer.Ordinal)
    {
        ["new"] = TradeUpdateEvent.New,
        ["fill"] = TradeUpdateEvent.Fill,
        ["partial_fill"] = TradeUpdateEvent.PartialFill,
        ["canceled"] = TradeUpdateEvent.Canceled,
        ["expired"] = TradeUpdateEvent.Expired,
        ["done_for_day"] = TradeUpdateEvent.DoneForDay,
        ["replaced"] = TradeUpdateEvent.Replaced,
        ["rejected"] = TradeUpdateEvent.Rejected,
        ["pending_new"] = TradeUpdateEvent.PendingNew,
        ["stopped"] = TradeUpdateEvent.Stopped,
        ["pending_cancel"] = TradeUpdateEvent.PendingCancel,
        ["pending_replace"] = TradeUpdateEvent.PendingReplace,
        ["calculated"] = TradeUpdateEvent.Calculated,
        ["suspended"] = TradeUpdateEvent.Suspended,
        ["order_replace_rejected"] = TradeUpdateEvent.OrderReplaceRejected,
        ["order_cancel_rejected"] = TradeUpdateEvent.OrderCancelRejected,
        ["accepted"] = TradeUpdateEvent.Accepted,
        ["held"] = TradeUpdateEvent.Held,
        ["restated"] = TradeUpdateEvent.Restated,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, OrderStatus> OrderStatusValues = new Dictionary<string, OrderStatus>(StringComparer.Ordinal)
    {
        ["new"] = OrderStatus.New,
        ["partially_filled"] = OrderStatus.PartiallyFilled,
        ["filled"] = OrderStatus.Filled,
        ["done_for_day"] = OrderStatus.DoneForDay,
        ["canceled"] = OrderStatus.Canceled,
        ["expired"] = OrderStatus.Expired,
        ["replaced"] = OrderStatus.Replaced,
        ["pending_cancel"] = OrderStatus.PendingCancel,
        ["pending_replace"] = OrderStatus.PendingReplace,
        ["pending_review"] = OrderStatus.PendingReview,
        ["accepted"] = OrderStatus.Accepted,
        ["pending_new"] = OrderStatus.PendingNew,
        ["accepted_for_bidding"] = OrderStatus.AcceptedForBidding,
        ["stopped"] = OrderStatus.Stopped,
        ["rejected"] = OrderStatus.Rejected,
        ["suspended"] = OrderStatus.Suspended,
        ["calculated"] = OrderStatus.Calculated,
        ["held"] = OrderStatus.Held,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, OrderSide> OrderSideValues = new Dictionary<string, OrderSide>(StringComparer.Ordinal)
    {
        ["buy"] = OrderSide.Buy,
        ["sell"] = OrderSide.Sell,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, OrderType> OrderTypeValues = new Dictionary<string, OrderType>(StringComparer.Ordinal)
    {
        ["market"] = OrderType.Market,
        ["limit"] = OrderType.Limit,
        ["stop"] = OrderType.Stop,
        ["stop_limit"] = OrderType.StopLimit,
        ["trailing_stop"] = OrderType.TrailingStop,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, TimeInForce> TimeInForceValues = new Dictionary<string, TimeInForce>(StringComparer.Ordinal)
    {
        ["day"] = TimeInForce.Day,
        ["gtc"] = TimeInForce.Gtc,
        ["opg"] = TimeInForce.Opg,
        ["cls"] = TimeInForce.Cls,
        ["ioc"] = TimeInForce.Ioc,
        ["fok"] = TimeInForce.Fok,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, OrderClass> OrderClassValues = new Dictionary<string, OrderClass>(StringComparer.Ordinal)
    {
        ["simple"] = OrderClass.Simple,
        ["bracket"] = OrderClass.Bracket,
        ["oco"] = OrderClass.Oco,
        ["oto"] = OrderClass.Oto,
        ["mleg"] = OrderClass.Mleg,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, AssetClass> AssetClassValues = new Dictionary<string, AssetClass>(StringComparer.Ordinal)
    {
        ["us_equity"] = AssetClass.UsEquity,
        ["us_option"] = AssetClass.UsOption,
        ["crypto"] = AssetClass.Crypto,
        ["crypto_perp"] = AssetClass.CryptoPerp,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, PositionIntent> PositionIntentValues = new Dictionary<string, PositionIntent>(StringComparer.Ordinal)
    {
        ["buy_to_open"] = PositionIntent.BuyToOpen,
        ["buy_to_close"] = PositionIntent.BuyToClose,
        ["sell_to_open"] = PositionIntent.SellToOpen,
        ["sell_to_close"] = PositionIntent.SellToClose,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static TradeUpdateEvent ParseTradeUpdateEvent(string text) => TradeUpdateEventValues.GetValueOrDefault(text);

    public static OrderStatus ParseOrderStatus(string text) => OrderStatusValues.GetValueOrDefault(text);

    public static OrderSide ParseOrderSide(string text) => OrderSideValues.GetValueOrDefault(text);

    public static OrderType ParseOrderType(string text) => OrderTypeValues.GetValueOrDefault(text);

    public static TimeInForce ParseTimeInForce(string text) => TimeInForceValues.GetValueOrDefault(text);

    public static OrderClass ParseOrderClass(string text) => OrderClassValues.GetValueOrDefault(text);

    public static AssetClass ParseAssetClass(string text) => AssetClassValues.GetValueOrDefault(text);

    public static PositionIntent ParsePositionIntent(string text) => PositionIntentValues.GetValueOrDefault(text);

    public static string Format(OrderSide value) => value switch
    {
        OrderSide.Buy => "buy",
        OrderSide.Sell => "sell",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "This value has no wire text."),
    };

    public static string Format(OrderType value) => value switch
    {
        OrderType.Market => "market",
        OrderType.Limit => "limit",
        OrderType.Stop => "stop",
        OrderType.StopLimit => "stop_limit",
        OrderType.TrailingStop => "trailing_stop",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "This value has no wire text."),
    };

    public static string Format(TimeInForce value) => value switch
    {
        TimeInForce.Day => "day",
        TimeInForce.Gtc => "gtc",
        TimeInForce.Opg => "opg",
        TimeInForce.Cls => "cls",
        TimeInForce.Ioc => "ioc",
        TimeInForce.Fok => "fok",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "This value has no wire text."),
    };

    public static string Format(OrderClass value) => value switch
    {
        OrderClass.Simple => "simple",
        OrderClass.Bracket => "bracket",
        OrderClass.Oco => "oco",
        OrderClass.Oto => "oto",
        OrderClass.Mleg => "mleg",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "This value has no wire text."),
    };

    public static string Format(PositionIntent value) => value switch
    {
        PositionIntent.BuyToOpen => "buy_to_open",
        PositionIntent.BuyToClose => "buy_to_close",
        PositionIntent.SellToOpen => "sell_to_open",
        PositionIntent.SellToClose => "sell_to_close",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "This value has no wire text."),
    };
}
