using System.Text.Json;

namespace WebsocketProxy.Streaming.Tests.Protocols;

/// <summary>A ticker of a non-Alpaca exchange: prices as strings, product ids as symbols.</summary>
public readonly record struct Tick(string ProductId, decimal Price, long Sequence)
{
    public static Tick Read(ref Utf8JsonReader reader)
    {
        var element = JsonElement.ParseValue(ref reader);
        return new Tick(
            element.GetProperty("product_id").GetString()!,
            decimal.Parse(element.GetProperty("price").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            element.GetProperty("sequence").GetInt64());
    }
}
