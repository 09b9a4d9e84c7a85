using System.Text.Json.Serialization;

namespace WebsocketProxy.Alpaca.Trading;

/// <summary>The order calls' request body and Alpaca's error body, serialised without reflection.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PlaceOrderBody))]
[JsonSerializable(typeof(ApiErrorBody))]
internal sealed partial class TradingJsonContext : JsonSerializerContext;

/// <summary><c>POST /v2/orders</c>'s body; decimals as strings, as Alpaca's own SDKs send them (no binary rounding).</summary>
internal sealed record PlaceOrderBody(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("qty")] string? Quantity,
    [property: JsonPropertyName("notional")] string? Notional,
    [property: JsonPropertyName("side")] string Side,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("time_in_force")] string TimeInForce,
    [property: JsonPropertyName("limit_price")] string? LimitPrice,
    [property: JsonPropertyName("stop_price")] string? StopPrice,
    [property: JsonPropertyName("client_order_id")] string? ClientOrderId,
    [property: JsonPropertyName("extended_hours")] bool? ExtendedHours);

/// <summary>Alpaca's error body, <c>{"code":40310000,"message":"…"}</c>.</summary>
internal sealed record ApiErrorBody(
    [property: JsonPropertyName("code")] long? Code,
    [property: JsonPropertyName("message")] string? Message);
