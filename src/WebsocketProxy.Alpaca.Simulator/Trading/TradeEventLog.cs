using System.Threading.Channels;
using WebsocketProxy.Alpaca.Simulator.Market;

namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>
/// An account's trade updates as the server-sent-events endpoint serves them: every one kept (for <c>since</c>)
/// and pushed to each open subscriber. Guarded by the trading engine's lock.
/// </summary>
internal sealed class TradeEventLog(string keyId, int seed)
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private readonly Rng _ids = new(Rng.SeedFor(seed, "events:" + keyId));
    private readonly List<(long Nanos, byte[] Data)> _events = [];
    private readonly List<ChannelWriter<(long Nanos, byte[] Data)>> _subscribers = [];

    public void Add(TradeUpdateEvent update)
    {
        var data = OrderJson.TradeUpdateEventData(update, Ulid(update.Nanos));
        _events.Add((update.Nanos, data));
        foreach (var subscriber in _subscribers)
        {
            subscriber.TryWrite((update.Nanos, data));
        }
    }

    /// <summary>The events at or after <paramref name="since"/>, and a subscription to those that follow.</summary>
    public List<(long Nanos, byte[] Data)> Subscribe(long since, ChannelWriter<(long Nanos, byte[] Data)> subscriber)
    {
        _subscribers.Add(subscriber);
        return [.. _events.Where(e => e.Nanos >= since)];
    }

    public void EndAll()
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.TryComplete();
        }

        _subscribers.Clear();
    }

    public void Unsubscribe(ChannelWriter<(long Nanos, byte[] Data)> subscriber) => _subscribers.Remove(subscriber);

    /// <summary>A ULID as Alpaca's event ids are: 48 bits of milliseconds, then 80 seeded bits, in Crockford base 32.</summary>
    private string Ulid(long nanos)
    {
        var millis = (ulong)(nanos / 1_000_000);
        var high = _ids.NextUInt64() & 0xFFFF;
        var low = _ids.NextUInt64();
        Span<char> text = stackalloc char[26];
        var time = millis;
        for (var i = 9; i >= 0; i--)
        {
            text[i] = Crockford[(int)(time & 31)];
            time >>= 5;
        }

        // 80 random bits: 16 from high, 64 from low, 5 at a time from the end.
        var random = new UInt128(high, low);
        for (var i = 25; i >= 10; i--)
        {
            text[i] = Crockford[(int)(random & 31)];
            random >>= 5;
        }

        return new string(text);
    }
}
