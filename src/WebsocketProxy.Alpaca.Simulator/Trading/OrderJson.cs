using System.Globalization;
using System.Text.Json;
using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>
/// Writes orders and trade updates as Alpaca does: every field of the order object present (null when unset),
/// quantities and prices as decimal strings, order times with six fraction digits and the event's timestamp
/// with nine.
/// </summary>
internal static class OrderJson
{
    public static void WriteOrder(Utf8JsonWriter writer, SimOrder order)
    {
        var request = order.Request;
        writer.WriteStartObject();
        writer.WriteString("id", order.Id);
        writer.WriteString("client_order_id", order.ClientOrderId);
        WriteTime(writer, "created_at", order.CreatedNanos);
        WriteTime(writer, "updated_at", order.UpdatedNanos);
        WriteTime(writer, "submitted_at", order.CreatedNanos);
        WriteTime(writer, "filled_at", order.FilledNanos);
        WriteTime(writer, "expired_at", order.ExpiredNanos);
        WriteTime(writer, "canceled_at", order.CanceledNanos);
        WriteTime(writer, "failed_at", order.FailedNanos);
        writer.WriteNull("replaced_at");
        writer.WriteNull("replaced_by");
        writer.WriteNull("replaces");
        writer.WriteString("asset_id", order.AssetId);
        writer.WriteString("symbol", order.Symbol);
        writer.WriteString("asset_class", "us_equity");
        WriteDecimal(writer, "notional", request.Notional);
        WriteDecimal(writer, "qty", request.Qty);
        WriteDecimal(writer, "filled_qty", order.FilledQty);
        WriteDecimal(writer, "filled_avg_price", order.FilledAvgPrice);
        writer.WriteString("order_class", "simple");
        var type = TypeName(request.Type);
        writer.WriteString("order_type", type);
        writer.WriteString("type", type);
        writer.WriteString("side", request.Side == OrderSide.Buy ? "buy" : "sell");
        writer.WriteString("position_intent", order.PositionIntent);
        writer.WriteString("time_in_force", request.TimeInForce);
        WriteDecimal(writer, "limit_price", request.LimitPrice);
        WriteDecimal(writer, "stop_price", request.StopPrice);
        writer.WriteString("status", order.Status);
        writer.WriteBoolean("extended_hours", request.ExtendedHours);
        writer.WriteNull("legs");
        writer.WriteNull("trail_percent");
        writer.WriteNull("trail_price");
        writer.WriteNull("hwm");
        writer.WriteNull("subtag");
        writer.WriteNull("source");
        WriteTime(writer, "expires_at", order.ExpiresNanos);
        writer.WriteEndObject();
    }

    public static byte[] Order(SimOrder order) => Write(writer => WriteOrder(writer, order));

    public static byte[] Orders(IEnumerable<SimOrder> orders) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var order in orders)
        {
            WriteOrder(writer, order);
        }

        writer.WriteEndArray();
    });

    /// <summary>The answer of <c>DELETE /v2/orders</c>: one <c>{"id","status":200,"body":{order}}</c> per canceled order.</summary>
    public static byte[] CancelResults(IEnumerable<SimOrder> orders) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var order in orders)
        {
            writer.WriteStartObject();
            writer.WriteString("id", order.Id);
            writer.WriteNumber("status", 200);
            writer.WritePropertyName("body");
            WriteOrder(writer, order);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    /// <summary>
    /// <c>{"stream":"trade_updates","data":{"event":..,"timestamp":..,"order":{..}}}</c>; a fill also carries
    /// <c>execution_id</c>, <c>price</c>, <c>qty</c> and <c>position_qty</c>.
    /// </summary>
    public static byte[] TradeUpdate(TradeUpdateEvent update) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("stream", "trade_updates");
        writer.WritePropertyName("data");
        WriteTradeUpdateData(writer, update);
        writer.WriteEndObject();
    });

    /// <summary>
    /// A trade update as the server-sent-events endpoint (<c>GET /v2/events/trades</c>) sends it: the stream's
    /// <c>data</c> with <c>at</c> and <c>event_id</c> (a ULID) added, as the Go SDK reads it.
    /// </summary>
    public static byte[] TradeUpdateEventData(TradeUpdateEvent update, string eventId) => Write(writer => WriteTradeUpdateData(writer, update, eventId));

    public static void WriteTradeUpdateData(Utf8JsonWriter writer, TradeUpdateEvent update, string? eventId = null)
    {
        writer.WriteStartObject();
        if (eventId is not null)
        {
            Span<byte> at = stackalloc byte[Timestamps.MaxLength];
            writer.WriteString("at", at[..Timestamps.FormatUtf8(update.Nanos, at)]);
            writer.WriteString("event_id", eventId);
        }

        writer.WriteString("event", update.Event);
        if (update.ExecutionId is { } execution)
        {
            writer.WriteString("execution_id", execution);
        }

        Span<byte> time = stackalloc byte[Timestamps.MaxLength];
        writer.WriteString("timestamp", time[..Timestamps.FormatUtf8(update.Nanos, time)]);
        if (update.Price is { } price)
        {
            WriteDecimal(writer, "price", price);
            WriteDecimal(writer, "qty", update.Qty);
        }

        if (update.PositionQty is { } position)
        {
            WriteDecimal(writer, "position_qty", position);
        }

        writer.WritePropertyName("order");
        writer.WriteRawValue(update.Order, skipInputValidation: true);
        writer.WriteEndObject();
    }

    public static string Decimal(decimal value) =>
        // Alpaca writes "1", "0.5", "187.23": no exponent, no trailing zeros.
        (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    public static string TypeName(OrderType type) => type switch
    {
        OrderType.Market => "market",
        OrderType.Limit => "limit",
        OrderType.Stop => "stop",
        _ => "stop_limit",
    };

    /// <summary>RFC 3339 in UTC with six fraction digits, as Alpaca's order times.</summary>
    public static string Time(long nanos) =>
        Timestamps.ToDateTimeOffset(nanos).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void WriteTime(Utf8JsonWriter writer, string name, long nanos)
    {
        if (nanos == 0)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, Time(nanos));
        }
    }

    private static void WriteDecimal(Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } number)
        {
            writer.WriteString(name, Decimal(number));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
