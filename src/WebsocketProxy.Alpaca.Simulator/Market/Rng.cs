namespace WebsocketProxy.Alpaca.Simulator.Market;

/// <summary>
/// A small deterministic generator (SplitMix64): the same seed gives the same market on every machine and
/// runtime, which <see cref="Random"/> does not promise.
/// </summary>
internal sealed class Rng
{
    private ulong _state;

    public Rng(ulong seed)
    {
        _state = seed;
    }

    /// <summary>A seed from the simulator seed and a name, stable across runs (string.GetHashCode is not).</summary>
    public static ulong SeedFor(int seed, string name)
    {
        var hash = 14695981039346656037UL ^ (ulong)(uint)seed;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);

    public bool Chance(double probability) => probability > 0 && NextDouble() < probability;

    /// <summary>Roughly normal, mean 0 and deviation 1 (sum of uniforms: cheap and bounded).</summary>
    public double NextGaussian() => NextDouble() + NextDouble() + NextDouble() + NextDouble() - 2.0;

    /// <summary>The gap to the next event of a process with <paramref name="perSecond"/> events a second.</summary>
    public long NextInterval(double perSecond)
    {
        if (perSecond <= 0)
        {
            return long.MaxValue / 4;
        }

        var mean = 1_000_000_000.0 / perSecond;
        return Math.Max(1, (long)(mean * (0.5 + NextDouble())));
    }
}
