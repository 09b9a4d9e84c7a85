using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator.Market;

/// <summary>The messages one tick produced, encoded once, in the order they happened per symbol.</summary>
internal sealed class EventBatch : IDisposable
{
    private readonly List<MarketEvent> _events = [];

    public MessageEncoder Encoder { get; } = new();

    public IReadOnlyList<MarketEvent> Events => _events;

    /// <summary>A counter that tells ticks apart (for order-book resets).</summary>
    public long TickNumber { get; private set; }

    /// <summary>The market time the tick produced events up to.</summary>
    public long Now { get; private set; }

    public void Reset(bool jsonEnabled, bool packEnabled, long now)
    {
        Now = now;
        Encoder.JsonEnabled = jsonEnabled;
        _events.Clear();
        Encoder.Clear();
        Encoder.PackEnabled = packEnabled;
        TickNumber++;
    }

    public void Add(EncodedMessage message, MarketKind market, Channel channel, string? symbol, IReadOnlyList<string>? symbols = null, OrderBook? book = null) =>
        _events.Add(new MarketEvent(message, market, channel, symbol, symbols, book));

    public void Dispose() => Encoder.Dispose();
}
