using WebsocketProxy.Alpaca.Gateway.Protocol;

namespace WebsocketProxy.Alpaca.Gateway.Clients;

/// <summary>
/// One client's subscriptions: per channel of its endpoint, its symbols in the order subscribed, <c>*</c> included.
/// Immutable: a change makes a new ledger, so the fan-out reads it without locks while the client changes it.
/// </summary>
internal sealed class ClientLedger
{
    private readonly string[][] _symbols;
    private readonly HashSet<string>[] _lookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>>[] _spanLookup;
    private readonly bool[] _star;

    private ClientLedger(string[][] symbols)
    {
        _symbols = symbols;
        _lookup = new HashSet<string>[symbols.Length];
        _spanLookup = new HashSet<string>.AlternateLookup<ReadOnlySpan<char>>[symbols.Length];
        _star = new bool[symbols.Length];
        for (var i = 0; i < symbols.Length; i++)
        {
            _lookup[i] = new HashSet<string>(symbols[i], StringComparer.Ordinal);
            _spanLookup[i] = _lookup[i].GetAlternateLookup<ReadOnlySpan<char>>();
            _star[i] = _lookup[i].Contains(GatewayEndpoint.Star);
            IsEmpty &= symbols[i].Length == 0;
        }
    }

    public bool IsEmpty { get; } = true;

    public static ClientLedger Empty(GatewayEndpoint endpoint)
    {
        var symbols = new string[endpoint.Channels.Count][];
        Array.Fill(symbols, []);
        return new ClientLedger(symbols);
    }

    public IReadOnlyList<string> Symbols(int channel) => channel < 0 ? [] : _symbols[channel];

    public bool Contains(int channel, string symbol) => _lookup[channel].Contains(symbol);

    /// <summary>Whether a message of <paramref name="channel"/> for <paramref name="symbol"/> is this client's.</summary>
    public bool Matches(int channel, ReadOnlySpan<char> symbol) => _star[channel] || (_symbols[channel].Length != 0 && _spanLookup[channel].Contains(symbol));

    /// <summary>Whether the channel has <c>*</c>.</summary>
    public bool HasStar(int channel) => _star[channel];

    /// <summary>Whether the channel has any symbol at all.</summary>
    public bool HasAny(int channel) => _symbols[channel].Length != 0;

    /// <summary>A ledger with <paramref name="changes"/> added (or removed); <paramref name="changed"/> gets the (channel, symbol) pairs that really changed.</summary>
    public ClientLedger With(IReadOnlyDictionary<int, string[]> changes, bool add, List<(int Channel, string Symbol)> changed)
    {
        var result = (string[][])_symbols.Clone();
        foreach (var (channel, symbols) in changes)
        {
            var list = new List<string>(_symbols[channel]);
            var present = new HashSet<string>(_lookup[channel], StringComparer.Ordinal);
            foreach (var symbol in symbols)
            {
                if (add ? present.Add(symbol) : present.Remove(symbol))
                {
                    changed.Add((channel, symbol));
                    if (add)
                    {
                        list.Add(symbol);
                    }
                }
            }

            if (!add)
            {
                list.RemoveAll(s => !present.Contains(s));
            }

            result[channel] = [.. list];
        }

        return new ClientLedger(result);
    }

    /// <summary>Every (channel, symbol) pair held.</summary>
    public IEnumerable<(int Channel, string Symbol)> All()
    {
        for (var channel = 0; channel < _symbols.Length; channel++)
        {
            foreach (var symbol in _symbols[channel])
            {
                yield return (channel, symbol);
            }
        }
    }
}
