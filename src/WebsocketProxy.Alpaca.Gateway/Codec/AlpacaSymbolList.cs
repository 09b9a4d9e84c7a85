namespace WebsocketProxy.Alpaca.Gateway.Codec;

/// <summary>
/// A news article's <c>symbols</c>, read in place: the array's string items, already checked by
/// <see cref="AlpacaMessageKey.Read"/>, enumerated as UTF-8 spans without allocating.
/// </summary>
internal readonly ref struct AlpacaSymbolList
{
    private readonly ReadOnlySpan<byte> _items;

    public AlpacaSymbolList(ReadOnlySpan<byte> items, int count)
    {
        _items = items;
        Count = count;
    }

    public int Count { get; }

    /// <summary>Whether <paramref name="symbol"/> (UTF-8) is one of the symbols.</summary>
    public bool Contains(ReadOnlySpan<byte> symbol)
    {
        foreach (var item in this)
        {
            if (item.SequenceEqual(symbol))
            {
                return true;
            }
        }

        return false;
    }

    public Enumerator GetEnumerator() => new(_items, Count);

    public ref struct Enumerator
    {
        private PackReader _reader;
        private int _left;

        internal Enumerator(ReadOnlySpan<byte> items, int count)
        {
            _reader = new PackReader(items);
            _left = count;
            Current = default;
        }

        public ReadOnlySpan<byte> Current { get; private set; }

        public bool MoveNext()
        {
            if (_left == 0)
            {
                return false;
            }

            _left--;
            _reader.TryReadString(out var utf8);
            Current = utf8;
            return true;
        }
    }
}
