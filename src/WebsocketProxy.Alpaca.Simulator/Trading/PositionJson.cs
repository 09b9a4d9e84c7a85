using System.Text.Json;

namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>Writes positions with the fields of Alpaca's position object, valued at the latest mid quote.</summary>
internal static class PositionJson
{
    public static byte[] Write(IReadOnlyList<KeyValuePair<string, SimPosition>> positions, IReadOnlyDictionary<string, decimal> prices, bool single, Func<string, Guid> assetId)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (!single)
            {
                writer.WriteStartArray();
            }

            foreach (var (symbol, position) in positions)
            {
                var price = prices[symbol];
                var value = position.Qty * price;
                writer.WriteStartObject();
                writer.WriteString("asset_id", assetId(symbol));
                writer.WriteString("symbol", symbol);
                writer.WriteString("exchange", "NASDAQ");
                writer.WriteString("asset_class", "us_equity");
                writer.WriteBoolean("asset_marginable", true);
                writer.WriteString("qty", OrderJson.Decimal(position.Qty));
                writer.WriteString("qty_available", OrderJson.Decimal(position.Qty));
                writer.WriteString("avg_entry_price", OrderJson.Decimal(position.AvgEntryPrice));
                writer.WriteString("side", position.Qty > 0 ? "long" : "short");
                writer.WriteString("market_value", OrderJson.Decimal(decimal.Round(value, 9)));
                writer.WriteString("cost_basis", OrderJson.Decimal(decimal.Round(position.CostBasis, 9)));
                writer.WriteString("unrealized_pl", OrderJson.Decimal(decimal.Round(value - position.CostBasis, 9)));
                writer.WriteString("current_price", OrderJson.Decimal(price));
                writer.WriteEndObject();
            }

            if (!single)
            {
                writer.WriteEndArray();
            }
        }

        return buffer.WrittenSpan.ToArray();
    }
}
