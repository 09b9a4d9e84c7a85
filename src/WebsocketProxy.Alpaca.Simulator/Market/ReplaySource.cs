using System.Text.Json;
using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator.Market;

/// <summary>
/// Plays recorded frames (one JSON frame a line, as captured from the real service) instead of the
/// synthetic market: each data message is released when market time reaches its timestamp, to whoever
/// subscribed to its channel and symbol. Control messages in the recording are skipped.
/// </summary>
internal sealed class ReplaySource : IDisposable
{
    private readonly List<(long Time, JsonElement Message, MarketKind Market, Channel Channel)> _messages = [];
    private readonly List<JsonDocument> _documents = [];
    private int _next;

    private ReplaySource()
    {
    }

    /// <summary>The timestamp of the first data message, where market time starts unless told otherwise.</summary>
    public long? FirstTime { get; private set; }

    public static ReplaySource Load(string path)
    {
        var source = new ReplaySource();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                source.Dispose();
                throw new InvalidDataException($"Replay file '{path}', line {lineNumber}: not a JSON frame ({ex.Message}).", ex);
            }

            source._documents.Add(document);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (var message in root.EnumerateArray())
                {
                    source.Add(message);
                }
            }
            else
            {
                source.Add(root);
            }
        }

        return source;
    }

    public void Advance(long until, EventBatch batch)
    {
        while (_next < _messages.Count && _messages[_next].Time <= until)
        {
            var (_, message, market, channel) = _messages[_next++];
            var encoded = batch.Encoder.Recorded(message);
            if (market == MarketKind.News)
            {
                var symbols = message.TryGetProperty("symbols", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Select(s => s.GetString() ?? string.Empty).ToArray()
                    : [];
                batch.Add(encoded, market, channel, null, symbols);
            }
            else
            {
                batch.Add(encoded, market, channel, message.GetProperty("S").GetString());
            }
        }
    }

    public void Dispose()
    {
        foreach (var document in _documents)
        {
            document.Dispose();
        }
    }

    private void Add(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("T", out var typeElement))
        {
            return;
        }

        var type = typeElement.GetString();
        Channel channel;
        switch (type)
        {
            case "t" or "c" or "x": channel = Channel.Trades; break;
            case "q": channel = Channel.Quotes; break;
            case "b": channel = Channel.Bars; break;
            case "d": channel = Channel.DailyBars; break;
            case "u": channel = Channel.UpdatedBars; break;
            case "s": channel = Channel.Statuses; break;
            case "l": channel = Channel.Lulds; break;
            case "i": channel = Channel.Imbalances; break;
            case "o": channel = Channel.OrderBooks; break;
            case "n": channel = Channel.News; break;
            default: return;
        }

        MarketKind market;
        if (channel == Channel.News)
        {
            market = MarketKind.News;
        }
        else if (message.TryGetProperty("S", out var symbol) && symbol.ValueKind == JsonValueKind.String)
        {
            market = symbol.GetString()!.Contains('/', StringComparison.Ordinal) ? MarketKind.Crypto : MarketKind.Stocks;
        }
        else
        {
            return;
        }

        var timeKey = channel == Channel.News ? "updated_at" : "t";
        var time = message.TryGetProperty(timeKey, out var stamp) && stamp.ValueKind == JsonValueKind.String && Timestamps.TryParse(stamp.GetString()!, out var nanos)
            ? nanos
            : _messages.Count > 0 ? _messages[^1].Time : long.MinValue;
        FirstTime ??= time == long.MinValue ? null : time;
        _messages.Add((time, message, market, channel));
    }
}
