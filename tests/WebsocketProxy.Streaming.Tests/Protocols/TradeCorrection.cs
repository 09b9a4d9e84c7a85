using System.Text.Json;

namespace WebsocketProxy.Streaming.Tests.Protocols;

/// <summary>An Alpaca-like trade correction: type code "c" delivered on the "trades" channel.</summary>
public sealed record TradeCorrection(string Symbol, decimal CorrectedPrice)
{
    public static TradeCorrection Read(ref Utf8JsonReader reader)
    {
        var element = JsonElement.ParseValue(ref reader);
        return new TradeCorrection(element.GetProperty("S").GetString()!, element.GetProperty("cp").GetDecimal());
    }
}
