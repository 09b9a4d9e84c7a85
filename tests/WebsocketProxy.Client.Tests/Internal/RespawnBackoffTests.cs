using WebsocketProxy.Client.Internal;

namespace WebsocketProxy.Client.Tests.Internal;

public sealed class RespawnBackoffTests
{
    [Fact]
    public void Failed_InARow_FirstAtOnceThenDoublingJitteredAndCapped()
    {
        var low = new RespawnBackoff(() => 0);
        var high = new RespawnBackoff(() => 0.999999);
        Assert.Equal(TimeSpan.Zero, low.ProxyLost(TimeSpan.Zero));
        Assert.Equal(TimeSpan.Zero, high.ProxyLost(TimeSpan.Zero));

        var whole = RespawnBackoff.Initial;
        for (var failure = 2; failure <= 12; failure++)
        {
            var expected = whole < RespawnBackoff.Max ? whole : RespawnBackoff.Max;
            Assert.Equal(expected / 2, low.Failed());
            Assert.InRange(high.Failed(), expected * 0.999, expected);
            whole *= 2;
        }

        Assert.Equal(RespawnBackoff.Max / 2, low.Failed());
    }

    [Fact]
    public void ProxyLost_AfterItStayedUp_StartsAgainAtOnce_SoonAfterStart_KeepsGrowing()
    {
        var backoff = new RespawnBackoff(() => 0);
        backoff.ProxyLost(TimeSpan.Zero);
        backoff.Failed();
        Assert.Equal(RespawnBackoff.Initial, backoff.ProxyLost(TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.Zero, backoff.ProxyLost(RespawnBackoff.StableAfter));
        Assert.Equal(1, backoff.Failures);
    }
}
