using System.Text.Json;

namespace WebsocketProxy.Streaming.Tests.Protocols;

/// <summary>An Alpaca-like trade; its decoder is marked with <see cref="StreamDecoderAttribute"/> and has another name.</summary>
public sealed record Trade(string Symbol, decimal Price, long Size)
{
    [StreamDecoder]
    public static Trade Decode(ref Utf8JsonReader reader)
    {
        var element = JsonElement.ParseValue(ref reader);
        var price = element.GetProperty("p").GetDecimal();
        if (price < 0)
        {
            throw new FormatException("A trade price is negative.");
        }

        return new Trade(element.GetProperty("S").GetString()!, price, element.GetProperty("s").GetInt64());
    }
}
