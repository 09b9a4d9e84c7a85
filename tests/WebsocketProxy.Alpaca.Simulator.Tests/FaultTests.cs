using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task DropAllConnections_ClientsSeeAbruptEnd()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var first = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await using var second = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.News);
        Assert.Equal(2, sim.Faults.DropAllConnections());
        await Assert.ThrowsAnyAsync<WebSocketException>(() => first.ReceiveRawAsync());
        await Assert.ThrowsAnyAsync<WebSocketException>(() => second.ReceiveRawAsync());
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        await sim.Counters.WaitUntilAsync(c => c.ConnectionsCurrent == 0, cts.Token);
    }

    [Fact]
    public async Task DropAllConnections_ImmediateReconnectWithSameKey_IsAccepted()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var first = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        sim.Faults.DropAllConnections();
        await using var again = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        Assert.Equal(2, sim.Counters.ConnectionsSeen);
    }

    [Fact]
    public async Task RefuseNewConnections_Error406UntilThePeriodEnds()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 13, 30, 0, TimeSpan.Zero));
        await using var sim = await AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with { TimeProvider = clock, AuthTimeout = TimeSpan.FromHours(1) });
        sim.Faults.RefuseNewConnections(TimeSpan.FromSeconds(90));

        await using (var refused = await RawClient.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Iex)))
        {
            await refused.ReceiveSingleAsync();
            await refused.SendAsync(Messages.Auth(sim));
            Assert.True(Assert.Single(await refused.ReceiveUntilClosedAsync()).IsError(406));
        }

        clock.Advance(TimeSpan.FromSeconds(91));
        await using var accepted = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
    }

    [Fact]
    public async Task SendError_EveryClientGetsIt_AndCloseClosesThem()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Sip);
        sim.Faults.SendError(500, "internal error");
        var error = await client.ReceiveSingleAsync();
        Assert.True(error.IsError(500));
        Assert.Equal("internal error", error.GetProperty("msg").GetString());

        sim.Faults.SendError(406, "connection limit exceeded", close: true);
        Assert.True(Assert.Single(await client.ReceiveUntilClosedAsync()).IsError(406));
    }

    [Fact]
    public async Task SendMalformedJsonAndUnknownType_ArriveAsSent()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        sim.Faults.SendMalformedJson();
        var (payload, _) = await client.ReceiveRawAsync();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(payload));

        sim.Faults.SendUnknownMessageType();
        Assert.Equal("zz", (await client.ReceiveSingleAsync()).Type());

        sim.Faults.SendRaw("""[{"T":"success","msg":"raw"}]""");
        var (raw, _) = await client.ReceiveRawAsync();
        Assert.Equal("""[{"T":"success","msg":"raw"}]""", Encoding.UTF8.GetString(raw));
    }

    [Fact]
    public async Task StopReading_MessagesWaitUntilResume()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        sim.Faults.StopReading();
        await client.SendAsync("""{"action":"subscribe","trades":["AAPL"]}""");
        Assert.Single(Assert.Single(sim.Counters.Connections).ReceivedMessages);

        sim.Faults.ResumeReading();
        Assert.Equal("subscription", (await client.ReceiveSingleAsync()).Type());
        Assert.Equal(2, sim.Counters.Connections[0].ReceivedMessages.Count);
    }

    [Fact]
    public async Task PauseData_NothingSentWhilePaused_ThenDataResumes()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 13, 30, 0, TimeSpan.Zero));
        var options = AlpacaSimulatorOptions.Default with { TimeProvider = clock, TickInterval = TimeSpan.FromSeconds(1), AuthTimeout = TimeSpan.FromHours(1) };
        await using var sim = await AlpacaMarketSimulator.StartAsync(options);
        await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await client.SendAsync("""{"action":"subscribe","trades":["AAPL"]}""");
        await client.ReceiveSingleAsync();
        using var cts = new CancellationTokenSource(RawClient.Timeout);

        sim.Faults.PauseData();
        var sentBefore = sim.Counters.MessagesSent;
        var ticks = sim.Counters.MarketTicks;
        clock.Advance(TimeSpan.FromMinutes(1));
        await sim.Counters.WaitUntilAsync(c => c.MarketTicks > ticks, cts.Token);
        Assert.Equal(sentBefore, sim.Counters.MessagesSent);
        Assert.True(sim.Faults.IsDataPaused);

        sim.Faults.ResumeData();
        clock.Advance(TimeSpan.FromSeconds(10));
        var trade = await client.ReceiveUntilAsync(m => m.Type() == "t");
        Assert.Equal("AAPL", trade.Symbol());
    }
}
