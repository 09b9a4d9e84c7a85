namespace WebsocketProxy.Streaming;

/// <summary>
/// An immutable snapshot of one channel's listeners. Registration copies and swaps it; the frame reader
/// reads it without locks.
/// </summary>
internal sealed class ChannelListeners
{
    private readonly Dictionary<string, StreamSubscription[]> _bySymbol;
    private readonly Dictionary<string, StreamSubscription[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private ChannelListeners(Dictionary<string, StreamSubscription[]> bySymbol, StreamSubscription[] wildcard)
    {
        _bySymbol = bySymbol;
        _lookup = bySymbol.GetAlternateLookup<ReadOnlySpan<char>>();
        Wildcard = wildcard;
        WildcardNeedsSymbol = Array.Exists(wildcard, s => s.NeedsSymbol);
    }

    public static ChannelListeners Empty { get; } = new(new Dictionary<string, StreamSubscription[]>(StringComparer.Ordinal), []);

    public StreamSubscription[] Wildcard { get; }

    public bool WildcardNeedsSymbol { get; }

    public bool HasSymbols => _bySymbol.Count > 0;

    public bool IsEmpty => _bySymbol.Count == 0 && Wildcard.Length == 0;

    public bool TryGet(ReadOnlySpan<char> symbol, out string key, out StreamSubscription[] listeners)
        => _lookup.TryGetValue(symbol, out key!, out listeners!);

    public ChannelListeners With(StreamSubscription subscription)
    {
        var bySymbol = new Dictionary<string, StreamSubscription[]>(_bySymbol, StringComparer.Ordinal);
        var wildcard = Wildcard;
        foreach (var topic in subscription.Topics)
        {
            if (topic == StreamArguments.AllSymbols)
            {
                wildcard = [.. wildcard, subscription];
            }
            else
            {
                bySymbol[topic] = bySymbol.TryGetValue(topic, out var existing) ? [.. existing, subscription] : [subscription];
            }
        }

        return new ChannelListeners(bySymbol, wildcard);
    }

    public ChannelListeners Without(StreamSubscription subscription)
    {
        var bySymbol = new Dictionary<string, StreamSubscription[]>(_bySymbol, StringComparer.Ordinal);
        foreach (var topic in subscription.Topics)
        {
            if (bySymbol.TryGetValue(topic, out var existing))
            {
                var remaining = Array.FindAll(existing, s => !ReferenceEquals(s, subscription));
                if (remaining.Length == 0)
                {
                    bySymbol.Remove(topic);
                }
                else
                {
                    bySymbol[topic] = remaining;
                }
            }
        }

        return new ChannelListeners(bySymbol, Array.FindAll(Wildcard, s => !ReferenceEquals(s, subscription)));
    }
}
