using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

public sealed class ReplayTests
{
    private const string Recording = """
        [{"T":"success","msg":"connected"}]
        [{"T":"t","S":"AAPL","i":1,"x":"V","p":189.42,"s":100,"c":["@"],"z":"C","t":"2024-05-01T14:31:02.123456789Z"},{"T":"q","S":"MSFT","bx":"Q","bp":410.1,"bs":2,"ax":"P","ap":410.2,"as":3,"c":["R"],"z":"C","t":"2024-05-01T14:31:02.2Z"}]

        [{"T":"t","S":"AAPL","i":2,"x":"V","p":189.45,"s":50,"c":["@"],"z":"C","t":"2024-05-01T14:31:03.5Z"}]
        [{"T":"b","S":"AAPL","o":189.3,"h":189.55,"l":189.22,"c":189.45,"v":150,"n":2,"vw":189.43,"t":"2024-05-01T14:31:00Z"}]
        [{"T":"t","S":"BTC/USD","p":64210.5,"s":0.0125,"t":"2024-05-01T14:31:04.1Z","i":3447222699101865076,"tks":"B"}]
        """;

    [Fact]
    public async Task Replay_PlaysRecordedMessagesToSubscribers_InOrderAndUnchanged()
    {
        var path = await WriteRecordingAsync();
        try
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
            await using var sim = await AlpacaMarketSimulator.StartAsync(ReplayOptions(path, clock));
            await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);

            // Time passing before anyone subscribes does not start the recording.
            await AdvanceAndTickAsync(sim, clock);
            Assert.False(sim.IsReplaying);

            await client.SendAsync("""{"action":"subscribe","trades":["AAPL"],"bars":["AAPL"]}""");
            Assert.Equal("subscription", (await client.ReceiveSingleAsync()).Type());
            await using var pump = ClockPump.Start(clock);
            await AssertRecordingPlayedAsync(client);
            Assert.True(sim.IsReplaying);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task StartReplay_NotOnFirstSubscription_PlaysOnlyOnceStarted()
    {
        var path = await WriteRecordingAsync();
        try
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
            await using var sim = await AlpacaMarketSimulator.StartAsync(ReplayOptions(path, clock) with { ReplayOnFirstSubscription = false });
            await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
            await client.SendAsync("""{"action":"subscribe","trades":["AAPL"],"bars":["AAPL"]}""");
            await client.ReceiveSingleAsync();
            await WaitForSubscriptionAsync(sim);
            await AdvanceAndTickAsync(sim, clock);
            await AdvanceAndTickAsync(sim, clock);
            Assert.False(sim.IsReplaying);

            sim.StartReplay();
            await using var pump = ClockPump.Start(clock);
            await AssertRecordingPlayedAsync(client);
            Assert.True(sim.IsReplaying);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task StartReplay_SyntheticMarket_Throws()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        Assert.Throws<InvalidOperationException>(sim.StartReplay);
    }

    private static AlpacaSimulatorOptions ReplayOptions(string path, FakeTimeProvider clock) => AlpacaSimulatorOptions.Default with
    {
        ReplayFile = path,
        TimeProvider = clock,
        TickInterval = TimeSpan.FromMilliseconds(100),
        AuthTimeout = TimeSpan.FromHours(1),
    };

    private static async Task<string> WriteRecordingAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sim-replay-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(path, Recording);
        return path;
    }

    private static async Task AssertRecordingPlayedAsync(RawClient client)
    {
        var seen = new List<JsonElement>();
        await client.ReceiveUntilAsync(m => m.Type() == "b", seen);
        Assert.Equal(["t", "t", "b"], seen.Select(m => m.Type()));
        Assert.Equal(1, seen[0].GetProperty("i").GetInt64());
        Assert.Equal("2024-05-01T14:31:02.123456789Z", seen[0].GetProperty("t").GetString());
        Assert.Equal(189.45, seen[1].GetProperty("p").GetDouble());
        Assert.Equal(189.43, seen[2].GetProperty("vw").GetDouble());
    }

    /// <summary>The subscription has taken effect (the reply is queued just before it does).</summary>
    private static async Task WaitForSubscriptionAsync(AlpacaMarketSimulator sim)
    {
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        await sim.Counters.WaitUntilAsync(c => c.Connections[0].Subscriptions["trades"].Count > 0, cts.Token);
    }

    /// <summary>Moves the fake clock a minute and waits for the market tick that follows.</summary>
    private static async Task AdvanceAndTickAsync(AlpacaMarketSimulator sim, FakeTimeProvider clock)
    {
        var ticks = sim.Counters.MarketTicks;
        clock.Advance(TimeSpan.FromMinutes(1));
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        await sim.Counters.WaitUntilAsync(c => c.MarketTicks > ticks, cts.Token);
    }

    /// <summary>
    /// Keeps a fake clock moving (100 ms at a time) while a test waits for data: what is played and in which
    /// order depends only on the recording, never on how fast the pump runs.
    /// </summary>
    private sealed class ClockPump : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;

        private ClockPump(FakeTimeProvider clock)
        {
            _run = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    clock.Advance(TimeSpan.FromMilliseconds(100));
                    await Task.Delay(5);
                }
            });
        }

        public static ClockPump Start(FakeTimeProvider clock) => new(clock);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run;
            _stop.Dispose();
        }
    }
}
