namespace WebsocketProxy.Streaming.Tests.Protocols;

/// <summary>An Alpaca-like protocol: "T" discriminator, "S" symbol, one subscribe key per channel.</summary>
[StreamProtocol(
    Discriminator = "T",
    SymbolField = "S",
    Subscribe = "{\"action\":\"subscribe\",\"{channel}\":[{topics}]}",
    Unsubscribe = "{\"action\":\"unsubscribe\",\"{channel}\":[{topics}]}",
    MaxTopicsPerMessage = 100)]
public sealed partial class StockStream
{
    [StreamChannel("bars", TypeCode = "b")]
    public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken = default);

    [StreamChannel("bars", TypeCode = "b")]
    public partial IAsyncEnumerable<Bar> Bars(IEnumerable<string> symbols, CancellationToken cancellationToken = default);

    [StreamChannel("bars", TypeCode = "b")]
    public partial IAsyncEnumerable<Bar> Bars(CancellationToken cancellationToken = default);

    [StreamChannel("updatedBars", TypeCode = "u")]
    public partial IAsyncEnumerable<Bar> UpdatedBars(IEnumerable<string> symbols, StreamBufferOptions? buffer = null, CancellationToken cancellationToken = default);

    [StreamChannel("dailyBars", TypeCode = "d")]
    public partial IAsyncEnumerable<Bar> AllDailyBars(StreamBufferOptions? buffer, CancellationToken cancellationToken = default);

    [StreamChannel("trades", TypeCode = "t")]
    public partial IAsyncEnumerable<Trade> Trades(string symbol, CancellationToken cancellationToken = default);

    [StreamChannel("trades", TypeCode = "c")]
    public partial IAsyncEnumerable<TradeCorrection> Corrections(string symbol, CancellationToken cancellationToken = default);

    [StreamChannel("quotes", TypeCode = "q", Decoder = nameof(DecodeQuote))]
    public partial ValueTask<StreamSubscription> OnQuote(string symbol, Action<string> handler, CancellationToken cancellationToken = default);

    private static string DecodeQuote(ref System.Text.Json.Utf8JsonReader reader)
        => System.Text.Json.JsonElement.ParseValue(ref reader).GetProperty("bp").GetRawText();
}
