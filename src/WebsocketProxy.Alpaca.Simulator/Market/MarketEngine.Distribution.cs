using WebsocketProxy.Alpaca.Simulator.Connections;
using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator.Market;

internal sealed partial class MarketEngine
{
    private readonly FrameBuilder _frames = new();

    /// <summary>Gives every client the messages of its subscriptions, batched several to a frame.</summary>
    private void Distribute(EventBatch batch, SimulatorConnection[] connections)
    {
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
                    if (!Wants(connection, subscriptions, marketEvent))
                    {
                        continue;
                    }

                    _frames.Add(marketEvent.Message);
                    if (_frames.Count >= _options.MaxMessagesPerFrame && !connection.TryEnqueueData(_frames.Build(isData: true)))
                    {
                        break;
                    }
                }

                if (_frames.Count > 0)
                {
                    connection.TryEnqueueData(_frames.Build(isData: true));
                }
            }
        }
    }

    private static bool Wants(SimulatorConnection connection, SubscriptionSet subscriptions, MarketEvent marketEvent)
    {
        var endpoint = connection.StreamEndpoint;
        var market = endpoint.Market;
        if (market != marketEvent.Market)
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
