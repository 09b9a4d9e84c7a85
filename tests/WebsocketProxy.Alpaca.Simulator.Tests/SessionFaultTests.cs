using System.Net.WebSockets;
using Microsoft.Extensions.Time.Testing;
using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

/// <summary>Faults that act on sessions: dead sessions after a drop, refused and flapping authentications.</summary>
public sealed class SessionFaultTests
{
    private static readonly AlpacaKeyPair Other = new("PKOTHER", "other-secret");

    [Fact]
    public async Task DropAllConnections_WithRefusePeriod_SameKeyGets406UntilItEnds_OtherKeyAccepted()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 13, 30, 0, TimeSpan.Zero));
        var options = AlpacaSimulatorOptions.Default with { TimeProvider = clock, AuthTimeout = TimeSpan.FromHours(1), KeyPairs = [AlpacaKeyPair.Default, Other] };
        await using var sim = await AlpacaMarketSimulator.StartAsync(options);
        await using (var dropped = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex))
        {
            Assert.Equal(1, sim.Faults.DropAllConnections(TimeSpan.FromSeconds(20)));
            await Assert.ThrowsAnyAsync<WebSocketException>(() => dropped.ReceiveRawAsync());
        }

        await WaitForNoConnectionsAsync(sim);
        Assert.Equal(1, sim.Faults.DeadSessionCount);
        Assert.True(await AuthenticateAsync(sim, AlpacaSimulatorFeed.Iex, Messages.Auth(sim)) is 406);

        // The dead session holds only its key, and only on its endpoint.
        Assert.Null(await AuthenticateAsync(sim, AlpacaSimulatorFeed.Iex, AuthOf(Other)));
        Assert.Null(await AuthenticateAsync(sim, AlpacaSimulatorFeed.Sip, Messages.Auth(sim)));

        clock.Advance(TimeSpan.FromSeconds(21));
        Assert.Equal(0, sim.Faults.DeadSessionCount);
        await using var accepted = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
    }

    [Fact]
    public async Task AcceptedAt_TwoConnections_EachStampedWithTheSimulatorClockWhenAccepted()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 13, 30, 0, TimeSpan.Zero));
        var options = AlpacaSimulatorOptions.Default with { TimeProvider = clock, AuthTimeout = TimeSpan.FromHours(1) };
        await using var sim = await AlpacaMarketSimulator.StartAsync(options);
        var first = clock.GetUtcNow();
        await using var one = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        clock.Advance(TimeSpan.FromSeconds(3));
        await using var two = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Sip);

        var connections = sim.Counters.Connections;
        Assert.Equal(first, connections[0].AcceptedAt);
        Assert.Equal(first + TimeSpan.FromSeconds(3), connections[1].AcceptedAt);
    }

    [Fact]
    public async Task DeadSessionLinger_ClientVanishesWithoutClose_ReconnectGets406ForThePeriod()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 13, 30, 0, TimeSpan.Zero));
        var options = AlpacaSimulatorOptions.Default with { TimeProvider = clock, AuthTimeout = TimeSpan.FromHours(1), DeadSessionLinger = TimeSpan.FromSeconds(90) };
        await using var sim = await AlpacaMarketSimulator.StartAsync(options);
        var vanished = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        vanished.Socket.Abort();
        await vanished.DisposeAsync();
        await WaitForNoConnectionsAsync(sim);

        Assert.True(await AuthenticateAsync(sim, AlpacaSimulatorFeed.Iex, Messages.Auth(sim)) is 406);
        clock.Advance(TimeSpan.FromSeconds(89));
        Assert.True(await AuthenticateAsync(sim, AlpacaSimulatorFeed.Iex, Messages.Auth(sim)) is 406);
        clock.Advance(TimeSpan.FromSeconds(2));
        await using var accepted = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
    }

    [Fact]
    public async Task DeadSessionLinger_ClientClosesCleanly_ReconnectAcceptedAtOnce()
    {
        var options = AlpacaSimulatorOptions.Default with { DeadSessionLinger = TimeSpan.FromSeconds(90) };
        await using var sim = await AlpacaMarketSimulator.StartAsync(options);
        var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await client.DisposeAsync();
        await WaitForNoConnectionsAsync(sim);
        Assert.Equal(0, sim.Faults.DeadSessionCount);
        await using var again = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
    }

    [Fact]
    public async Task DeadSessionLinger_DropAllConnections_LeavesDeadSessions_ClearAllForgetsThem()
    {
        var options = AlpacaSimulatorOptions.Default with { DeadSessionLinger = TimeSpan.FromMinutes(5) };
        await using var sim = await AlpacaMarketSimulator.StartAsync(options);
        await using (var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex))
        {
            sim.Faults.DropAllConnections();
        }

        await WaitForNoConnectionsAsync(sim);
        Assert.True(await AuthenticateAsync(sim, AlpacaSimulatorFeed.Iex, Messages.Auth(sim)) is 406);
        sim.Faults.ClearAll();
        await using var accepted = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
    }

    [Theory]
    [InlineData(408, "v2 not enabled")]
    [InlineData(411, "insufficient scope")]
    public async Task RefuseAuthentication_ForCount_ThatManyGetTheErrorAndAClose_ThenAccepted(int code, string message)
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        sim.Faults.RefuseAuthentication(code, 2);
        for (var i = 0; i < 2; i++)
        {
            await using var refused = await RawClient.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Iex));
            await refused.ReceiveSingleAsync();
            await refused.SendAsync(Messages.Auth(sim));
            var error = Assert.Single(await refused.ReceiveUntilClosedAsync());
            Assert.True(error.IsError(code));
            Assert.Equal(message, error.GetProperty("msg").GetString());
        }

        await using var accepted = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
    }

    [Fact]
    public async Task RefuseAuthentication_ForPeriod_RefusesUntilItEnds_WrongKeyStill402()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 13, 30, 0, TimeSpan.Zero));
        await using var sim = await AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with { TimeProvider = clock, AuthTimeout = TimeSpan.FromHours(1) });
        sim.Faults.RefuseAuthentication(411, TimeSpan.FromSeconds(30));
        Assert.True(await AuthenticateAsync(sim, AlpacaSimulatorFeed.Iex, Messages.Auth(sim)) is 411);
        Assert.True(await AuthenticateAsync(sim, AlpacaSimulatorFeed.Iex, AuthOf(Other)) is 402);
        Assert.True(await AuthenticateAsync(sim, AlpacaSimulatorFeed.Sip, Messages.Auth(sim)) is 411);
        clock.Advance(TimeSpan.FromSeconds(31));
        await using var accepted = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
    }

    [Fact]
    public async Task CloseAfterAuthentication_ForCount_ThoseSessionsAuthenticateThenClose_NextStays()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        sim.Faults.CloseAfterAuthentication(2, TimeSpan.FromMilliseconds(50), abrupt: false);
        for (var i = 0; i < 2; i++)
        {
            await using var flapping = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
            Assert.Empty(await flapping.ReceiveUntilClosedAsync());
            Assert.Equal(WebSocketCloseStatus.PolicyViolation, flapping.Socket.CloseStatus);
        }

        await using var stays = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await stays.SendAsync("""{"action":"subscribe","trades":["AAPL"]}""");
        Assert.Equal("subscription", (await stays.ReceiveSingleAsync()).Type());
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        await sim.Counters.WaitUntilAsync(c => c.ConnectionsCurrent == 1, cts.Token);
        Assert.True(Assert.Single(sim.Counters.Connections, c => c.IsOpen).IsAuthenticated);
    }

    [Fact]
    public async Task CloseAfterAuthenticationFor_Abrupt_SessionsDroppedWithoutClose()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        sim.Faults.CloseAfterAuthenticationFor(TimeSpan.FromMinutes(5), TimeSpan.Zero, abrupt: true);
        for (var i = 0; i < 3; i++)
        {
            await using var flapping = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
            await Assert.ThrowsAnyAsync<WebSocketException>(() => flapping.ReceiveRawAsync());
        }

        sim.Faults.ClearAll();
        await using var stays = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await stays.SendAsync("""{"action":"subscribe","trades":["AAPL"]}""");
        Assert.Equal("subscription", (await stays.ReceiveSingleAsync()).Type());
    }

    [Fact]
    public async Task SendError_408AsBroadcast_EveryClientGetsTheStandardMessage()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var first = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await using var second = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Crypto);
        Assert.Equal(2, sim.Faults.SendError(408, AlpacaSimulatorFaults.StandardMessage(408), close: true));
        foreach (var client in new[] { first, second })
        {
            var error = Assert.Single(await client.ReceiveUntilClosedAsync());
            Assert.True(error.IsError(408));
            Assert.Equal("v2 not enabled", error.GetProperty("msg").GetString());
        }
    }

    private static string AuthOf(AlpacaKeyPair pair) => $$"""{"action":"auth","key":"{{pair.KeyId}}","secret":"{{pair.Secret}}"}""";

    /// <summary>Connects and authenticates; null when authenticated, else the error code it was refused with.</summary>
    private static async Task<int?> AuthenticateAsync(AlpacaMarketSimulator sim, AlpacaSimulatorFeed feed, string auth)
    {
        await using var client = await RawClient.ConnectAsync(sim.GetUri(feed));
        await client.ReceiveSingleAsync();
        await client.SendAsync(auth);
        var reply = await client.ReceiveSingleAsync();
        return reply.Type() == "error" ? reply.GetProperty("code").GetInt32() : null;
    }

    private static async Task WaitForNoConnectionsAsync(AlpacaMarketSimulator sim)
    {
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        await sim.Counters.WaitUntilAsync(c => c.ConnectionsCurrent == 0, cts.Token);
    }
}
