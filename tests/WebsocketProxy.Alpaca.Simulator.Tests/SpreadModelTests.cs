using WebsocketProxy.Alpaca.Simulator.Market;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

/// <summary>The simulator's quoted spread: usually tight, occasionally shocked wide, and never flipping quote to quote.</summary>
public sealed class SpreadModelTests
{
    private const int Quotes = 100_000;

    [Fact]
    public void NextCents_LiquidStock_SitsAtAboutOneBasisPoint_AndWidensOnlyInEpisodes()
    {
        var spreads = Draw(price: 300, seed: 7);
        const long Usual = 3; // 1 bp of $300

        Assert.All(spreads, s => Assert.True(s >= Usual, $"spread {s} under the usual {Usual} cents"));
        Assert.Equal(Usual, Median(spreads));

        // Shocks happen (several times Usual), but wide quotes are rare...
        Assert.Contains(spreads, s => s >= 4 * Usual);
        var wide = spreads.Count(s => s >= 3 * Usual);
        Assert.InRange(wide, 1, Quotes / 50);

        // ...and come in episodes: a wide quote is far more often followed by another wide one than by a Usual one.
        var entries = spreads.Zip(spreads.Skip(1)).Count(p => p.First < 3 * Usual && p.Second >= 3 * Usual);
        Assert.True(entries * 2 < wide, $"{entries} separate widenings for {wide} wide quotes: the spread flips instead of persisting");
    }

    [Fact]
    public void NextCents_AfterAShock_NarrowsBackToUsual()
    {
        var spreads = Draw(price: 300, seed: 11);
        var shock = Array.FindIndex(spreads, s => s >= 12);
        Assert.True(shock >= 0, "no shock in the sample");

        var back = Array.FindIndex(spreads, shock, s => s <= 4);
        Assert.InRange(back - shock, 1, 60);
    }

    [Fact]
    public void NextCents_CheapStock_NeverUnderACent()
    {
        var spreads = Draw(price: 4.5, seed: 3);

        Assert.All(spreads, s => Assert.True(s >= 1));
        Assert.Equal(1, Median(spreads));
    }

    [Fact]
    public void NextCents_SameSeed_SameSpreads()
    {
        Assert.Equal(Draw(price: 120, seed: 5), Draw(price: 120, seed: 5));
    }

    private static long[] Draw(double price, ulong seed)
    {
        var model = new SpreadModel(new Rng(seed));
        return [.. Enumerable.Range(0, Quotes).Select(_ => model.NextCents(price))];
    }

    private static long Median(long[] values) => values.Order().ElementAt(values.Length / 2);
}
