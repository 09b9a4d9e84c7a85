namespace WebsocketProxy.Client.Internal;

/// <summary>
/// How long recovery waits before it starts (or looks for) a proxy again. A proxy that dies once is replaced at
/// once; one that keeps dying, as it starts or soon after, is started again after a capped, jittered exponential
/// delay (about 0.5 s, 1 s, 2 s ... up to <see cref="Max"/>) instead of every half second forever. A proxy that
/// stayed up for <see cref="StableAfter"/> resets it. Used by one recovery at a time.
/// </summary>
/// <param name="random">A value in [0, 1) for the jitter (tests pin it); <see cref="Random.Shared"/> when null.</param>
internal sealed class RespawnBackoff(Func<double>? random = null)
{
    public static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(500);

    public static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    /// <summary>A proxy that ran this long was not dying: the next failure counts from the start again.</summary>
    public static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(60);

    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    /// <summary>Failures in a row: proxies lost soon after they started, and starts that failed.</summary>
    public int Failures { get; private set; }

    /// <summary>The proxy went away after running for <paramref name="uptime"/>; returns the wait before replacing it.</summary>
    public TimeSpan ProxyLost(TimeSpan uptime)
    {
        if (uptime >= StableAfter)
        {
            Failures = 0;
        }

        return Failed();
    }

    /// <summary>Starting or reaching a proxy failed; returns the wait before the next attempt.</summary>
    public TimeSpan Failed()
    {
        Failures++;
        if (Failures <= 1)
        {
            return TimeSpan.Zero;
        }

        // Jittered to [half, whole], so that the clients of one user do not all retry in step.
        var whole = TimeSpan.FromTicks(Math.Min(Max.Ticks, Initial.Ticks << Math.Min(Failures - 2, 16)));
        return whole * (0.5 + (0.5 * _random()));
    }
}
