using System.Globalization;
using System.Text.Json;

namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>
/// Reads a <c>POST /v2/orders</c> body the way the official SDKs write it: numbers as JSON numbers (alpaca-py) or
/// strings (the Go SDK's decimals), absent fields as missing, <c>null</c> or <c>""</c> (the Go SDK sends every field).
/// What the simulator cannot do (bracket orders, trailing stops, auctions) is refused with a clear 422.
/// </summary>
internal static class OrderRequestParser
{
    public const int MaxClientOrderIdLength = 128;

    // Bounds that keep every fill's value well inside decimal's range.
    private const decimal MaxQty = 1_000_000_000m;
    private const decimal MaxNotional = 1_000_000_000_000m;
    private const decimal MaxPrice = 1_000_000_000m;

    public static OrderRequest Parse(ReadOnlySpan<byte> body, out TradingError? error)
    {
        error = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            error = TradingError.BadBody();
            return null!;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = TradingError.BadBody();
                return null!;
            }

            var request = Read(document.RootElement, out error);
            return request!;
        }
    }

    private static OrderRequest? Read(JsonElement root, out TradingError? error)
    {
        error = null;
        var symbol = Text(root, "symbol");
        var side = Text(root, "side");
        var type = Text(root, "type") ?? Text(root, "order_type");
        var timeInForce = Text(root, "time_in_force");
        var orderClass = Text(root, "order_class");
        var clientOrderId = Text(root, "client_order_id");
        var positionIntent = Text(root, "position_intent");
        if (!TryNumber(root, "qty", out var qty) || !TryNumber(root, "notional", out var notional)
            || !TryNumber(root, "limit_price", out var limit) || !TryNumber(root, "stop_price", out var stop)
            || !TryNumber(root, "trail_price", out var trailPrice) || !TryNumber(root, "trail_percent", out var trailPercent))
        {
            error = TradingError.Invalid("qty, notional and prices must be numbers");
            return null;
        }

        error = Validate(symbol, side, type, timeInForce, orderClass, clientOrderId, positionIntent, qty, notional, limit, stop)
            ?? RefuseUnsupported(root, type, timeInForce, orderClass, trailPrice, trailPercent);
        if (error is not null)
        {
            return null;
        }

        return new OrderRequest(
            symbol!.ToUpperInvariant(),
            qty,
            notional,
            side == "buy" ? OrderSide.Buy : OrderSide.Sell,
            type switch { "market" => OrderType.Market, "limit" => OrderType.Limit, "stop" => OrderType.Stop, _ => OrderType.StopLimit },
            timeInForce!,
            limit,
            stop,
            clientOrderId,
            Bool(root, "extended_hours"),
            positionIntent);
    }

    private static TradingError? Validate(
        string? symbol, string? side, string? type, string? timeInForce, string? orderClass, string? clientOrderId,
        string? positionIntent, decimal? qty, decimal? notional, decimal? limit, decimal? stop)
    {
        if (symbol is null)
        {
            return TradingError.Invalid("symbol is required");
        }

        if (side is null)
        {
            return TradingError.Invalid("side is required");
        }

        if (side is not ("buy" or "sell"))
        {
            return TradingError.Invalid($"invalid side \"{side}\" (buy or sell)");
        }

        if (type is null)
        {
            return TradingError.Invalid("type is required");
        }

        if (type is not ("market" or "limit" or "stop" or "stop_limit" or "trailing_stop"))
        {
            return TradingError.Invalid($"invalid order type \"{type}\"");
        }

        if (timeInForce is null)
        {
            return TradingError.Invalid("time_in_force is required");
        }

        if (timeInForce is not ("day" or "gtc" or "opg" or "cls" or "ioc" or "fok"))
        {
            return TradingError.Invalid($"invalid time_in_force \"{timeInForce}\"");
        }

        if (orderClass is not (null or "simple" or "bracket" or "oco" or "oto" or "mleg"))
        {
            return TradingError.Invalid($"invalid order_class \"{orderClass}\"");
        }

        if (positionIntent is not (null or "buy_to_open" or "buy_to_close" or "sell_to_open" or "sell_to_close"))
        {
            return TradingError.Invalid($"invalid position_intent \"{positionIntent}\"");
        }

        if (qty is null && notional is null)
        {
            return TradingError.Invalid("qty or notional is required");
        }

        if (qty is not null && notional is not null)
        {
            return TradingError.Invalid("only one of qty or notional can be specified");
        }

        if (qty <= 0)
        {
            return TradingError.Invalid("qty must be > 0");
        }

        if (notional <= 0)
        {
            return TradingError.Invalid("notional must be > 0");
        }

        if (notional is not null && type != "market")
        {
            return TradingError.Invalid("notional is only supported for market orders");
        }

        if (type is "limit" or "stop_limit" && limit is null)
        {
            return TradingError.Invalid($"limit_price is required for {type} orders");
        }

        if (type is "market" or "stop" && limit is not null)
        {
            return TradingError.Invalid($"limit_price is not allowed for {type} orders");
        }

        if (type is "stop" or "stop_limit" && stop is null)
        {
            return TradingError.Invalid($"stop_price is required for {type} orders");
        }

        if (type is "market" or "limit" && stop is not null)
        {
            return TradingError.Invalid($"stop_price is not allowed for {type} orders");
        }

        if (limit <= 0 || stop <= 0)
        {
            return TradingError.Invalid("prices must be > 0");
        }

        if (qty > MaxQty || notional > MaxNotional || limit > MaxPrice || stop > MaxPrice)
        {
            return TradingError.Invalid($"qty, notional or price too large for the simulator (qty up to {MaxQty}, notional up to {MaxNotional}, prices up to {MaxPrice})");
        }

        if (Scale(qty) > 9 || Scale(notional) > 9)
        {
            return TradingError.Invalid("qty and notional can take up to 9 decimal places");
        }

        if (clientOrderId is { Length: > MaxClientOrderIdLength })
        {
            return TradingError.Invalid($"client_order_id must be no more than {MaxClientOrderIdLength} characters");
        }

        return null;
    }

    private static TradingError? RefuseUnsupported(JsonElement root, string? type, string? timeInForce, string? orderClass, decimal? trailPrice, decimal? trailPercent)
    {
        if (orderClass is "bracket" or "oco" or "oto" or "mleg" || IsGiven(root, "take_profit") || IsGiven(root, "stop_loss") || IsGiven(root, "legs"))
        {
            return TradingError.Invalid($"order_class {orderClass ?? "with legs"} is not supported by the simulator (simple orders only)");
        }

        if (type == "trailing_stop" || trailPrice is not null || trailPercent is not null)
        {
            return TradingError.Invalid("trailing_stop orders are not supported by the simulator");
        }

        if (timeInForce is "opg" or "cls")
        {
            return TradingError.Invalid($"time_in_force {timeInForce} is not supported by the simulator (it has no auctions)");
        }

        return null;
    }

    private static int Scale(decimal? value) => value is { } number ? (number / 1.000000000000000000000000000000000m).Scale : 0;

    private static bool IsGiven(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind is not JsonValueKind.Null;

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static bool Bool(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && (value.ValueKind == JsonValueKind.True
            || (value.ValueKind == JsonValueKind.String && string.Equals(value.GetString(), "true", StringComparison.OrdinalIgnoreCase)));

    /// <summary>A number given as a JSON number or a string; false when it is something else.</summary>
    private static bool TryNumber(JsonElement root, string name, out decimal? number)
    {
        number = null;
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var parsed))
        {
            number = parsed;
            return true;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString();
            if (string.IsNullOrEmpty(text))
            {
                return true;
            }

            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out parsed))
            {
                number = parsed;
                return true;
            }
        }

        return false;
    }
}
