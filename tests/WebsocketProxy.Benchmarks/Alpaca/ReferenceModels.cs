using System.Text.Json.Serialization;
using Newtonsoft.Json;

namespace WebsocketProxy.Benchmarks.Alpaca;

// Plain DTOs shaped the way the reference decoders need them: Newtonsoft attributes for JArray + ToObject
// (how the official Alpaca SDK decodes), System.Text.Json attributes for the reflection serializer.

public sealed class ReferenceTrade
{
    [JsonProperty("T"), JsonPropertyName("T")] public string? Type { get; set; }

    [JsonProperty("S"), JsonPropertyName("S")] public string? Symbol { get; set; }

    [JsonProperty("i"), JsonPropertyName("i")] public long Id { get; set; }

    [JsonProperty("x"), JsonPropertyName("x")] public string? Exchange { get; set; }

    [JsonProperty("p"), JsonPropertyName("p")] public decimal Price { get; set; }

    [JsonProperty("s"), JsonPropertyName("s")] public long Size { get; set; }

    [JsonProperty("c"), JsonPropertyName("c")] public List<string>? Conditions { get; set; }

    [JsonProperty("z"), JsonPropertyName("z")] public string? Tape { get; set; }

    [JsonProperty("t"), JsonPropertyName("t")] public DateTime Timestamp { get; set; }
}

public sealed class ReferenceQuote
{
    [JsonProperty("T"), JsonPropertyName("T")] public string? Type { get; set; }

    [JsonProperty("S"), JsonPropertyName("S")] public string? Symbol { get; set; }

    [JsonProperty("bx"), JsonPropertyName("bx")] public string? BidExchange { get; set; }

    [JsonProperty("bp"), JsonPropertyName("bp")] public decimal BidPrice { get; set; }

    [JsonProperty("bs"), JsonPropertyName("bs")] public long BidSize { get; set; }

    [JsonProperty("ax"), JsonPropertyName("ax")] public string? AskExchange { get; set; }

    [JsonProperty("ap"), JsonPropertyName("ap")] public decimal AskPrice { get; set; }

    [JsonProperty("as"), JsonPropertyName("as")] public long AskSize { get; set; }

    [JsonProperty("c"), JsonPropertyName("c")] public List<string>? Conditions { get; set; }

    [JsonProperty("z"), JsonPropertyName("z")] public string? Tape { get; set; }

    [JsonProperty("t"), JsonPropertyName("t")] public DateTime Timestamp { get; set; }
}

public sealed class ReferenceBar
{
    [JsonProperty("T"), JsonPropertyName("T")] public string? Type { get; set; }

    [JsonProperty("S"), JsonPropertyName("S")] public string? Symbol { get; set; }

    [JsonProperty("o"), JsonPropertyName("o")] public decimal Open { get; set; }

    [JsonProperty("h"), JsonPropertyName("h")] public decimal High { get; set; }

    [JsonProperty("l"), JsonPropertyName("l")] public decimal Low { get; set; }

    [JsonProperty("c"), JsonPropertyName("c")] public decimal Close { get; set; }

    [JsonProperty("v"), JsonPropertyName("v")] public long Volume { get; set; }

    [JsonProperty("n"), JsonPropertyName("n")] public long TradeCount { get; set; }

    [JsonProperty("vw"), JsonPropertyName("vw")] public decimal Vwap { get; set; }

    [JsonProperty("t"), JsonPropertyName("t")] public DateTime Timestamp { get; set; }
}
