using System.Text.Json;

namespace WebsocketProxy.Alpaca.Gateway.Tests.Sdk;

/// <summary>One line js/stream.js printed: <c>{"event": name, ...}</c>.</summary>
/// <param name="Index">Its place in the process's output, from 0.</param>
/// <param name="Name">The <c>event</c> field: <c>auth</c>, <c>subscription</c>, <c>trade</c>, <c>bar</c>, <c>error</c> ...</param>
/// <param name="Json">The whole line, parsed.</param>
internal sealed record SdkEvent(int Index, string Name, JsonElement Json)
{
    /// <summary>The data events and the subscription channel each belongs to (corrections and cancel errors come with trades, as on Alpaca).</summary>
    public static IReadOnlyDictionary<string, string> ChannelOfData { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["trade"] = "trades",
        ["correction"] = "trades",
        ["cancelError"] = "trades",
        ["quote"] = "quotes",
        ["bar"] = "bars",
        ["updatedBar"] = "updatedBars",
        ["dailyBar"] = "dailyBars",
        ["status"] = "statuses",
        ["luld"] = "lulds",
        ["orderbook"] = "orderbooks",
        ["news"] = "news",
    };

    public bool IsData => ChannelOfData.ContainsKey(Name);

    /// <summary>The subscription channel of a data event.</summary>
    public string Channel => ChannelOfData[Name];

    /// <summary>The symbol of a data event other than news.</summary>
    public string? Symbol => Json.TryGetProperty("symbol", out var symbol) ? symbol.GetString() : null;

    /// <summary>A news item's symbols.</summary>
    public IReadOnlyList<string> NewsSymbols =>
        Json.TryGetProperty("symbols", out var symbols) ? [.. symbols.EnumerateArray().Select(s => s.GetString()!)] : [];

    /// <summary>A channel's list in a <c>subscription</c> event (the SDK's view after the server's reply).</summary>
    public IReadOnlyList<string> Listed(string channel) =>
        Json.TryGetProperty(channel, out var list) ? [.. list.EnumerateArray().Select(s => s.GetString()!)] : [];

    public static SdkEvent Parse(int index, string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var json = document.RootElement.Clone();
            return new SdkEvent(index, json.TryGetProperty("event", out var name) ? name.GetString() ?? "" : "", json);
        }
        catch (JsonException)
        {
            // Not the script's own output (a warning printed by Node): kept, matched by nothing.
            using var text = JsonDocument.Parse(JsonSerializer.Serialize(new { text = line }));
            return new SdkEvent(index, "text", text.RootElement.Clone());
        }
    }

    public override string ToString() => Json.GetRawText();
}
