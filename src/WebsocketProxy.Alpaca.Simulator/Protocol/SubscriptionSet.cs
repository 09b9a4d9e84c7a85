namespace WebsocketProxy.Alpaca.Simulator.Protocol;

/// <summary>
/// One connection's subscriptions: an immutable snapshot, replaced whole on every change so the market can
/// read it without locks while the connection changes it.
/// </summary>
internal sealed class SubscriptionSet
{
    public const string Star = "*";

    private readonly string[][] _symbols;
    private readonly HashSet<string>[] _lookup;

    private SubscriptionSet(string[][] symbols)
    {
        _symbols = symbols;
        _lookup = new HashSet<string>[symbols.Length];
        for (var i = 0; i < symbols.Length; i++)
        {
            _lookup[i] = new HashSet<string>(symbols[i], StringComparer.Ordinal);
        }
    }

    public static SubscriptionSet Empty { get; } = new(CreateEmpty());

    public bool IsEmpty => Array.TrueForAll(_symbols, s => s.Length == 0);

    /// <summary>Symbols of a channel in the order they were added, <c>"*"</c> included.</summary>
    public IReadOnlyList<string> Symbols(Channel channel) => _symbols[(int)channel];

    public bool Contains(Channel channel, string symbol)
    {
        var set = _lookup[(int)channel];
        return set.Count != 0 && (set.Contains(Star) || set.Contains(symbol));
    }

    public bool HasAny(Channel channel) => _symbols[(int)channel].Length != 0;

    /// <summary>Distinct symbols across channels, <c>"*"</c> excluded, for the symbol limit.</summary>
    public int DistinctSymbolCount()
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var symbols in _symbols)
        {
            all.UnionWith(symbols);
        }

        all.Remove(Star);
        return all.Count;
    }

    /// <summary>A new set with <paramref name="changes"/> added or removed.</summary>
    public SubscriptionSet With(IReadOnlyDictionary<Channel, string[]> changes, bool add)
    {
        var result = new string[_symbols.Length][];
        for (var i = 0; i < _symbols.Length; i++)
        {
            if (!changes.TryGetValue((Channel)i, out var symbols) || symbols.Length == 0)
            {
                result[i] = _symbols[i];
                continue;
            }

            // Sets, not list scans: a client may send thousands of symbols in one message.
            var list = new List<string>(_symbols[i]);
            if (add)
            {
                var present = new HashSet<string>(_lookup[i], StringComparer.Ordinal);
                foreach (var symbol in symbols)
                {
                    if (present.Add(symbol))
                    {
                        list.Add(symbol);
                    }
                }
            }
            else
            {
                var removed = new HashSet<string>(symbols, StringComparer.Ordinal);
                list.RemoveAll(removed.Contains);
            }

            result[i] = [.. list];
        }

        return new SubscriptionSet(result);
    }

    private static string[][] CreateEmpty()
    {
        var empty = new string[ChannelNames.Count][];
        Array.Fill(empty, []);
        return empty;
    }
}
