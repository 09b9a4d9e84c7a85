using WebsocketProxy.Alpaca.Simulator.Connections;
using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator.Market;

internal sealed partial class MarketEngine
{
    private readonly FrameBuilder _frames = new();
    private readonly Dictionary<string, EncodedMessage> _bookSnapshots = new(StringComparer.Ordinal);

    /// <summary>Gives every client the messages of its subscriptions, batched several to a frame.</summary>
    private void Distribute(EventBatch batch, SimulatorConnection[] connections)
    {
        _bookSnapshots.Clear();
        foreach (var connection in connections)
        {
            if (!connection.WantsData)
            {
                continue;
            }

            lock (connection.SubscriptionLock)
            {
                var subscriptions = connection.Subscriptions;
                if (subscriptions.IsEmpty)
                {
                    continue;
                }

                _frames.Begin(batch.Encoder, connection.MessagePack);
                foreach (var marketEvent in batch.Events)
                {
                    if (!TrySelect(batch, connection, subscriptions, marketEvent, out var message))
                    {
                        continue;
                    }

                    _frames.Add(message);
                    if (_frames.Count >= _options.MaxMessagesPerFrame && !connection.TryEnqueueData(_frames.Build()))
                    {
                        break;
                    }
                }

                if (_frames.Count > 0)
                {
                    connection.TryEnqueueData(_frames.Build());
                }
            }
        }
    }

    /// <summary>
    /// Whether the client gets this event, and as what: a client new to an order book gets the whole book
    /// (<c>"r":true</c>) as of the end of the tick, then only the deltas of later ticks.
    /// </summary>
    private bool TrySelect(EventBatch batch, SimulatorConnection connection, SubscriptionSet subscriptions, MarketEvent marketEvent, out EncodedMessage message)
    {
        message = marketEvent.Message;
        if (!Wants(connection, subscriptions, marketEvent))
        {
            if (marketEvent.Book is not null)
            {
                connection.BookResets.Remove(marketEvent.Symbol!);
            }

            return false;
        }

        if (marketEvent.Book is not { } book)
        {
            return true;
        }

        var symbol = marketEvent.Symbol!;
        if (connection.BookResets.TryGetValue(symbol, out var resetTick))
        {
            return resetTick != batch.TickNumber;
        }

        if (!_bookSnapshots.TryGetValue(symbol, out var snapshot))
        {
            var (bids, asks) = book.Snapshot();
            snapshot = MarketMessages.OrderBook(batch.Encoder, symbol, batch.Now, bids, asks, reset: true);
            _bookSnapshots[symbol] = snapshot;
        }

        connection.BookResets[symbol] = batch.TickNumber;
        message = snapshot;
        return true;
    }

    private static bool Wants(SimulatorConnection connection, SubscriptionSet subscriptions, MarketEvent marketEvent)
    {
        var endpoint = connection.Endpoint;
        if (endpoint.Market != marketEvent.Market)
        {
            return false;
        }

        if (marketEvent.Symbols is { } symbols)
        {
            foreach (var symbol in symbols)
            {
                if (subscriptions.Contains(marketEvent.Channel, symbol))
                {
                    return true;
                }
            }

            return subscriptions.Contains(marketEvent.Channel, SubscriptionSet.Star);
        }

        var eventSymbol = marketEvent.Symbol!;
        if (endpoint.IsTestStream != (eventSymbol == StreamEndpoint.TestSymbol))
        {
            return false;
        }

        return subscriptions.Contains(marketEvent.Channel, eventSymbol);
    }
}
