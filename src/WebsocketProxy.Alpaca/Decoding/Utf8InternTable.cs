using System.Runtime.InteropServices;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>
/// A hash table keyed by UTF-8 bytes. Readers take no lock: chains are immutable and published with volatile
/// writes, and growing builds a new bucket array, so a reader on the old one still sees valid entries.
/// Writers serialise on a lock; past the size limit nothing more is stored.
/// </summary>
internal sealed class Utf8InternTable<TValue>
{
    private static readonly ulong ShortKeySeed = (ulong)Random.Shared.NextInt64();

    private readonly Lock _gate = new();
    private readonly int _limit;
    private Entry?[] _buckets = new Entry?[64];
    private int _count;

    public Utf8InternTable(int limit) => _limit = limit;

    public int Count => Volatile.Read(ref _count);

    public bool TryGetValue(ReadOnlySpan<byte> key, out TValue value)
    {
        var hash = Hash(key);
        var buckets = Volatile.Read(ref _buckets);
        for (var entry = Volatile.Read(ref buckets[hash & (buckets.Length - 1)]); entry is not null; entry = entry.Next)
        {
            if (entry.Hash == hash && key.SequenceEqual(entry.Key))
            {
                value = entry.Value;
                return true;
            }
        }

        value = default!;
        return false;
    }

    /// <summary>Stores the value unless the key is already there; returns the stored value.</summary>
    public TValue Add(ReadOnlySpan<byte> key, TValue value)
    {
        lock (_gate)
        {
            if (TryGetValue(key, out var existing))
            {
                return existing;
            }

            if (_count >= _limit)
            {
                return value;
            }

            var buckets = _count >= _buckets.Length ? Grow() : _buckets;
            var hash = Hash(key);
            ref var head = ref buckets[hash & (buckets.Length - 1)];
            Volatile.Write(ref head, new Entry(key.ToArray(), hash, value, head));
            Volatile.Write(ref _count, _count + 1);
            return value;
        }
    }

    private Entry?[] Grow()
    {
        var grown = new Entry?[_buckets.Length * 2];
        foreach (var chain in _buckets)
        {
            for (var entry = chain; entry is not null; entry = entry.Next)
            {
                ref var head = ref grown[entry.Hash & (grown.Length - 1)];
                head = new Entry(entry.Key, entry.Hash, entry.Value, head);
            }
        }

        Volatile.Write(ref _buckets, grown);
        return grown;
    }

    private static int Hash(ReadOnlySpan<byte> key)
    {
        if (key.Length <= sizeof(ulong))
        {
            // Symbols, exchange and tape codes, condition lists: eight bytes or fewer, hashed by one multiply of the
            // bytes as a number (seeded per process, the length folded in) instead of HashCode's rounds. Equal keys
            // are still compared byte by byte, so a collision only costs a longer chain.
            var bits = 0UL;
            key.CopyTo(MemoryMarshal.AsBytes(new Span<ulong>(ref bits)));
            var mixed = ((bits ^ ShortKeySeed) * 0x9E3779B97F4A7C15UL) + (ulong)key.Length;
            mixed *= 0xBF58476D1CE4E5B9UL;
            return (int)(mixed >> 32);
        }

        var hash = default(HashCode);
        hash.AddBytes(key);
        return hash.ToHashCode();
    }

    private sealed class Entry(byte[] key, int hash, TValue value, Entry? next)
    {
        public byte[] Key { get; } = key;

        public int Hash { get; } = hash;

        public TValue Value { get; } = value;

        public Entry? Next { get; } = next;
    }
}
