using WebsocketProxy.Alpaca.Simulator;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Alpaca.Tests.Chaos;

/// <summary>
/// The chaos catalogue: each entry is a fault done to running strategy processes and what must follow. A new
/// field failure is one more entry here and one more fact in <see cref="ChaosTests"/>.
/// </summary>
/// <remarks>
/// Waiting for branches not merged yet (add them here when they are):
/// <list type="bullet">
/// <item>branch <c>net</c> (406 after a drop retried within a window): <see cref="DropThenRefuse406"/> with
/// <c>retryOnConnectionLimit: false</c> is written and its fact skipped, see
/// <see cref="ChaosTests.DropThenRefuse406_DefaultOptions_StreamsResumeWhenTheRefusalEnds"/>.</item>
/// <item>branch <c>sim</c> (one-call faults, scriptable through the simulator host's CLI): a half-open upstream
/// (silent, pings unanswered) longer than <c>net</c>'s keep-alive timeout (expect a reconnect Gap within it;
/// <see cref="BriefHalfOpenUpstream"/> is the short one that must not reconnect), flapping
/// (accept, authenticate, close in a loop; expect backoff and, once it stops, a reconnect Gap), 408 and 411
/// errors, and drop + 406 for N s through the fault call instead of <see cref="DropThenRefuse406"/>'s two calls.
/// Each is a <c>Fault</c> calling the simulator (in process, or its CLI for <see cref="ChaosSetup.SimulatorAsProcess"/>)
/// and an <c>Expect</c> like <see cref="DropUpstream"/>'s.</item>
/// </list>
/// </remarks>
internal static class ChaosScenarios
{
    /// <summary>
    /// The stopped reader's ring: small, so that about three seconds of the test market lap it. A data record is
    /// at least <see cref="MinimumRecordBytes"/>, so <c>RingSize / MinimumRecordBytes</c> frames published while
    /// the reader is stopped certainly overwrite what it had not read.
    /// </summary>
    private const int LappingRing = 32 * 1024;

    /// <summary>A 32-byte record header, the 24-byte event header and a frame of at least one ~100-byte trade.</summary>
    private const int MinimumRecordBytes = 128;

    /// <summary>kill -9 of the proxy: the clients start another, restore their connections and say what was lost.</summary>
    public static ChaosScenario KillProxy { get; } = new(
        "kill -9 of the proxy",
        ChaosSetup.Default,
        async (world, marks) =>
        {
            var status = await world.StatusAsync();
            marks.Facts["pid"] = status.Pid;
            ProcessSignals.Kill(status.Pid);
        },
        async (world, marks) =>
        {
            await Task.WhenAll(world.Strategies.Select(async s =>
            {
                // First the loss (the proxy went away), then the restore with how long it took, then data.
                var restored = ChaosRunner.ParseGap(await s.Process.WaitForLineAfterAsync(marks.Of(s), "GAP True"));
                Assert.True(restored.Outage > TimeSpan.Zero, $"the restore of {s.Symbol} states its outage");
                Assert.StartsWith("GAP False", s.LinesSince(marks.Of(s), "GAP")[0], StringComparison.Ordinal);
                await s.FreshTradeAsync(marks.Of(s));
            }));
            await world.WaitForStatusAsync(s => s.Pid != marks.Fact<int>("pid"), "a new proxy answers");
            await world.WaitForSimulatorAsync(c => HoldsAll(c, world), "the new proxy's upstream holds every strategy's symbol");
        });

    /// <summary>kill -9 of one client: the proxy releases what it held, nobody else notices, a restart streams again.</summary>
    public static ChaosScenario KillClient { get; } = new(
        "kill -9 of one client",
        ChaosSetup.Default,
        async (world, marks) =>
        {
            var victim = world.Strategies[0];
            marks.Facts["victim"] = victim;
            await world.KillStrategyAsync(victim);
        },
        async (world, marks) =>
        {
            var victim = marks.Fact<ChaosStrategy>("victim");
            await world.WaitForStatusAsync(s => s.ClientOf(victim.Pid) is null && s.HoldersOf(victim.Symbol) == 0, $"the killed client and its {victim.Symbol} subscription released");
            await world.WaitForSimulatorAsync(c => !Newest(c).Contains(victim.Symbol), $"the upstream unsubscribed from {victim.Symbol}");
            foreach (var other in world.Strategies)
            {
                await other.FreshTradeAsync(marks.Of(other));
                Assert.Empty(other.LinesSince(marks.Of(other), "GAP"));
            }

            var again = await world.StartStrategyAsync(victim.Symbol);
            Assert.Contains("CONNECTED False", again.Process.Seen);
            await world.WaitForSimulatorAsync(c => HoldsAll(c, world), $"the upstream subscribed to {victim.Symbol} again");
            Assert.Equal(1, world.Simulator.Counters.ConnectionsSeen);
        });

    /// <summary>kill -9 of the upstream service, started again on the same port: the proxy reconnects with backoff.</summary>
    public static ChaosScenario KillUpstream { get; } = new(
        "kill -9 of the upstream",
        ChaosSetup.Default with { SimulatorAsProcess = true },
        async (world, marks) =>
        {
            await world.SimulatorProcess.KillAsync();
            await Task.WhenAll(world.Strategies.Select(s => s.Process.WaitForLineAfterAsync(marks.Of(s), "GAP False")));
            await world.SimulatorProcess.RestartAsync();
        },
        (world, marks) => Task.WhenAll(world.Strategies.Select(async s =>
        {
            var restored = ChaosRunner.ParseGap(await s.Process.WaitForLineAfterAsync(marks.Of(s), "GAP True"));
            Assert.True(restored.Outage > TimeSpan.Zero, $"the reconnect of {s.Symbol} states its outage");
            await s.FreshTradeAsync(marks.Of(s));
        })));

    /// <summary>SIGSTOP of a reader until the broadcast ring has lapped it, then SIGCONT: a Gap with the exact count lost.</summary>
    public static ChaosScenario StopReaderUntilLapped { get; } = new(
        "SIGSTOP of a reader until the ring laps it",
        ChaosSetup.Default with { RingSize = LappingRing },
        async (world, marks) =>
        {
            var victim = world.Strategies[0];
            marks.Facts["victim"] = victim;
            var before = await world.StatusAsync();
            Assert.Equal(world.StartedProxyPid, before.Pid);
            ProcessSignals.Stop(victim.Pid);
            await world.WaitForStatusAsync(s => s.Published >= before.Published + (LappingRing / MinimumRecordBytes), "enough frames published to lap the stopped reader");
            ProcessSignals.Continue(victim.Pid);
        },
        async (world, marks) =>
        {
            var victim = marks.Fact<ChaosStrategy>("victim");
            var gap = ChaosRunner.ParseGap(await victim.Process.WaitForLineAfterAsync(marks.Of(victim), "GAP"));
            Assert.False(gap.Reconnected);
            Assert.True(gap.Lost > 0, "the lapped reader's gap counts what it lost");
            await victim.FreshTradeAsync(marks.Of(victim));

            // The count in the Gap is the reader's own: the proxy hears the same total in the client's heartbeat.
            var reported = victim.LinesSince(0, "GAP").Select(ChaosRunner.ParseGap).Sum(g => g.Lost);
            var status = await world.WaitForStatusAsync(s => s.ClientOf(victim.Pid)?.Lost >= reported, "the reader's heartbeat reports its loss");
            Assert.Equal(reported, status.ClientOf(victim.Pid)!.Lost);
            foreach (var other in world.Strategies.Where(s => s != victim))
            {
                Assert.Empty(other.LinesSince(0, "GAP"));
                Assert.Equal(0, status.ClientOf(other.Pid)!.Lost);
            }
        });

    /// <summary>A short SIGSTOP of the proxy: the upstream's data waits in the socket, nothing is lost.</summary>
    public static ChaosScenario StopProxyBriefly { get; } = new(
        "SIGSTOP of the proxy, briefly",
        ChaosSetup.Default,
        async (world, marks) =>
        {
            var status = await world.StatusAsync();
            marks.Facts["pid"] = status.Pid;
            var sent = world.Simulator.Counters.FramesSent;
            ProcessSignals.Stop(status.Pid);
            await world.WaitForSimulatorAsync(c => c.FramesSent >= sent + 20, "frames sent to the stopped proxy");
            ProcessSignals.Continue(status.Pid);
        },
        async (world, marks) =>
        {
            foreach (var s in world.Strategies)
            {
                await s.FreshTradeAsync(marks.Of(s));
                Assert.Empty(s.LinesSince(marks.Of(s), "GAP"));
            }

            Assert.Equal(marks.Fact<int>("pid"), (await world.StatusAsync()).Pid);
            Assert.Equal(1, world.Simulator.Counters.ConnectionsSeen);
        });

    /// <summary>
    /// A SIGSTOP of the proxy longer than its heartbeat bound. A frozen proxy still holds its lease, so liveness alone
    /// finds it alive; its heartbeat in the broadcast ring stops changing, and every strategy is told (a stream error
    /// naming the proxy) instead of going silent. After SIGCONT each gets a Gap with the outage and data again on the
    /// same proxy and upstream connection; the stop being far below the simulator's ping timeout, nothing was lost.
    /// </summary>
    public static ChaosScenario StopProxyPastHeartbeat { get; } = new(
        "SIGSTOP of the proxy past its heartbeat bound",
        ChaosSetup.Default,
        async (world, marks) =>
        {
            var status = await world.StatusAsync();
            marks.Facts["pid"] = status.Pid;
            ProcessSignals.Stop(status.Pid);
            try
            {
                var told = await Task.WhenAll(world.Strategies.Select(s => s.Process.WaitForLineAfterAsync(marks.Of(s), "STREAMERROR")));
                Assert.All(told, line => Assert.Contains("stopped or hung", line, StringComparison.Ordinal));
            }
            finally
            {
                ProcessSignals.Continue(status.Pid);
            }
        },
        async (world, marks) =>
        {
            foreach (var s in world.Strategies)
            {
                var resumed = ChaosRunner.ParseGap(await s.Process.WaitForLineAfterAsync(marks.Of(s), "GAP"));
                Assert.False(resumed.Reconnected);
                Assert.Equal(0, resumed.Lost);
                Assert.True(resumed.Outage >= TimeSpan.FromSeconds(5), $"the gap of {s.Symbol} states how long the proxy was away: {resumed.Outage}");
                await s.FreshTradeAsync(marks.Of(s));
            }

            Assert.Equal(marks.Fact<int>("pid"), (await world.StatusAsync()).Pid);
            Assert.Equal(0, world.Simulator.Counters.SlowClientDisconnects);
            Assert.Equal(1, world.Simulator.Counters.ConnectionsSeen);
        });

    /// <summary>
    /// A brief half-open upstream, as main's fault surface makes it: the service neither sends nor reads (so pings
    /// go unanswered) while the TCP connection stays up, until every strategy's one-second watchdog has fired. Far
    /// shorter than any keep-alive timeout, it must not be taken for a dead connection: nothing is reported, no
    /// reconnect, and everything resumes on the same connection. The long version (silent past branch <c>net</c>'s
    /// keep-alive timeout: a reconnect Gap, the expectation of <see cref="DropUpstream"/>) needs that timeout; on
    /// main the proxy would wait silently for as long as the service stays silent.
    /// </summary>
    public static ChaosScenario BriefHalfOpenUpstream { get; } = new(
        "half-open upstream (silent, pings unanswered) for a second",
        ChaosSetup.Default with { StallAfter = TimeSpan.FromSeconds(1) },
        async (world, marks) =>
        {
            world.Simulator.Faults.StopReading();
            world.Simulator.Faults.PauseData();
            try
            {
                await Task.WhenAll(world.Strategies.Select(s => s.Process.WaitForLineAfterAsync(marks.Of(s), "STALL")));
            }
            finally
            {
                world.Simulator.Faults.ResumeReading();
                world.Simulator.Faults.ResumeData();
            }
        },
        async (world, marks) =>
        {
            foreach (var s in world.Strategies)
            {
                await s.FreshTradeAsync(marks.Of(s));
                Assert.Empty(s.LinesSince(marks.Of(s), "GAP"));
            }

            Assert.Equal(1, world.Simulator.Counters.ConnectionsSeen);
        });

    /// <summary>Every upstream connection dropped at once: one reconnect, subscriptions replayed, a reconnect Gap.</summary>
    public static ChaosScenario DropUpstream { get; } = new(
        "drop of every upstream connection",
        ChaosSetup.Default,
        (world, _) =>
        {
            Assert.Equal(1, world.Simulator.Faults.DropAllConnections());
            return Task.CompletedTask;
        },
        async (world, marks) =>
        {
            await ExpectReconnectGapsAsync(world, marks);
            await world.WaitForSimulatorAsync(c => c.ConnectionsSeen == 2 && HoldsAll(c, world), "one new upstream connection holding every symbol");
        });

    /// <summary>
    /// A drop, then 406 "connection limit exceeded" on every reconnect until the refusal ends (the real service
    /// counts the dead session for ~90 s). The refusal lasts until at least three reconnects were refused, then ends.
    /// </summary>
    /// <param name="retryOnConnectionLimit">
    /// <see langword="true"/>: main's proxy retries 406 only when asked to. <see langword="false"/>: the default
    /// options, which end the streams on 406 until branch <c>net</c> retries a 406 that follows a drop.
    /// </param>
    public static ChaosScenario DropThenRefuse406(bool retryOnConnectionLimit) => new(
        $"drop then 406 for a while (RetryOnConnectionLimit {retryOnConnectionLimit})",
        ChaosSetup.Default with { RetryOnConnectionLimit = retryOnConnectionLimit },
        async (world, marks) =>
        {
            var seen = world.Simulator.Counters.ConnectionsSeen;
            world.Simulator.Faults.RefuseNewConnections(TimeSpan.FromHours(1));
            world.Simulator.Faults.DropAllConnections();
            await world.WaitForSimulatorAsync(c => c.ConnectionsSeen >= seen + 3, "three reconnects refused with 406");
            foreach (var s in world.Strategies)
            {
                Assert.Empty(s.LinesSince(marks.Of(s), "FAILED"));
            }

            world.Simulator.Faults.RefuseNewConnections(TimeSpan.Zero);
        },
        async (world, marks) =>
        {
            await ExpectReconnectGapsAsync(world, marks);
            await world.WaitForSimulatorAsync(c => c.ConnectionsCurrent == 1 && HoldsAll(c, world), "the upstream back, holding every symbol");
        });

    private static Task ExpectReconnectGapsAsync(ChaosWorld world, ChaosMarks marks) =>
        Task.WhenAll(world.Strategies.Select(async s =>
        {
            var dropped = ChaosRunner.ParseGap(await s.Process.WaitForLineAfterAsync(marks.Of(s), "GAP False"));
            var restored = ChaosRunner.ParseGap(await s.Process.WaitForLineAfterAsync(marks.Of(s), "GAP True"));
            Assert.Equal(0, dropped.Lost);
            Assert.True(restored.Outage > TimeSpan.Zero, $"the reconnect of {s.Symbol} states its outage");
            await s.FreshTradeAsync(marks.Of(s));
        }));

    /// <summary>The trade symbols the simulator's newest connection holds.</summary>
    private static IReadOnlyList<string> Newest(AlpacaSimulatorCounters counters) =>
        counters.Connections.Count > 0 && counters.Connections[^1].Subscriptions.TryGetValue("trades", out var symbols) ? symbols : [];

    private static bool HoldsAll(AlpacaSimulatorCounters counters, ChaosWorld world) =>
        world.Strategies.All(s => Newest(counters).Contains(s.Symbol));
}
