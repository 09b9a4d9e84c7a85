namespace WebsocketProxy.Alpaca.Simulator.Market;

/// <summary>
/// A liquid stock's quoted spread, in cents: it sits at its usual width (about one basis point, never under a
/// cent), now and then drifts a cent wider, and on rare shocks (news, a sweep of the book) jumps to several
/// times its usual width, then narrows back over the next quotes. A spread drawn afresh for every quote would
/// flip between narrow and wide on consecutive quotes, which no real market does.
/// </summary>
internal sealed class SpreadModel(Rng rng)
{
    private const double ShockProbability = 0.0015;
    private const double DriftProbability = 0.04;
    private const double ReversionProbability = 0.3;

    private long _cents;

    /// <summary>The spread of the next quote around <paramref name="price"/>; always draws the same number of values.</summary>
    public long NextCents(double price)
    {
        var usual = Math.Max(1, (long)Math.Round(price * 0.0001 * 100));
        var shock = rng.NextDouble();
        var step = rng.NextDouble();
        var multiple = 4 + rng.Next(5);
        if (_cents < usual)
        {
            _cents = usual;
        }

        if (shock < ShockProbability)
        {
            _cents = Math.Max(_cents, usual * multiple);
        }
        else if (_cents > usual && step < ReversionProbability)
        {
            _cents -= Math.Max(1, (_cents - usual) / 2);
        }
        else if (step > 1 - DriftProbability)
        {
            _cents++;
        }

        return _cents;
    }
}
