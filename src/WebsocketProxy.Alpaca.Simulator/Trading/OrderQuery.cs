using Microsoft.AspNetCore.Http;
using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>
/// The filters of <c>GET /v2/orders</c>: <c>status</c> (open, the default; closed; all), <c>limit</c> (50 by
/// default, at most 500), <c>after</c>/<c>until</c> (submission time), <c>direction</c> (desc by default),
/// <c>side</c> and <c>symbols</c> (comma-separated). <c>nested</c> changes nothing for simple orders.
/// </summary>
internal sealed class OrderQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public string Status { get; private init; } = "open";

    public int Limit { get; private init; } = DefaultLimit;

    public long? After { get; private init; }

    public long? Until { get; private init; }

    public bool Ascending { get; private init; }

    public string? Side { get; private init; }

    public HashSet<string>? Symbols { get; private init; }

    public bool Matches(SimOrder order) =>
        (Status == "all" || (Status == "open") == order.IsOpen)
        && (After is null || order.CreatedNanos > After)
        && (Until is null || order.CreatedNanos < Until)
        && (Side is null || (Side == "buy") == (order.Request.Side == OrderSide.Buy))
        && (Symbols is null || Symbols.Contains(order.Symbol));

    public static OrderQuery Parse(IQueryCollection query, out TradingError? error)
    {
        error = null;
        var status = Value(query, "status") ?? "open";
        if (status is not ("open" or "closed" or "all"))
        {
            error = TradingError.Invalid($"invalid status \"{status}\" (open, closed or all)");
            return new OrderQuery();
        }

        var limit = DefaultLimit;
        if (Value(query, "limit") is { } limitText && (!int.TryParse(limitText, out limit) || limit < 1 || limit > MaxLimit))
        {
            error = TradingError.Invalid($"limit must be between 1 and {MaxLimit}");
            return new OrderQuery();
        }

        var direction = Value(query, "direction") ?? "desc";
        var side = Value(query, "side");
        if (direction is not ("asc" or "desc") || side is not (null or "buy" or "sell"))
        {
            error = TradingError.Invalid("direction must be asc or desc, side buy or sell");
            return new OrderQuery();
        }

        long? after = null, until = null;
        if ((Value(query, "after") is { } afterText && !TryTime(afterText, out after))
            || (Value(query, "until") is { } untilText && !TryTime(untilText, out until)))
        {
            error = TradingError.Invalid("after and until must be RFC 3339 times");
            return new OrderQuery();
        }

        var symbols = Value(query, "symbols")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        return new OrderQuery
        {
            Status = status,
            Limit = limit,
            After = after,
            Until = until,
            Ascending = direction == "asc",
            Side = side,
            Symbols = symbols is { Count: > 0 } ? symbols : null,
        };
    }

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.ToString() is { Length: > 0 } text ? text : null;

    private static bool TryTime(string text, out long? nanos)
    {
        nanos = null;
        if (Timestamps.TryParse(text, out var parsed))
        {
            nanos = parsed;
            return true;
        }

        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date))
        {
            nanos = Timestamps.FromDateTimeOffset(date);
            return true;
        }

        return false;
    }
}
