using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator.Market;

/// <summary>One encoded market message of a tick, and what decides who gets it.</summary>
/// <param name="Message">Where its encodings are in the batch's encoder.</param>
/// <param name="Market">The market it belongs to.</param>
/// <param name="Channel">The channel a client subscribes to for it (corrections and cancel errors: trades).</param>
/// <param name="Symbol">Its symbol; null for news.</param>
/// <param name="Symbols">The symbols of a news item.</param>
/// <param name="Book">For a synthetic order-book delta, the book: a client new to it gets a full reset instead.</param>
internal readonly record struct MarketEvent(
    EncodedMessage Message,
    MarketKind Market,
    Channel Channel,
    string? Symbol,
    IReadOnlyList<string>? Symbols,
    OrderBook? Book);
