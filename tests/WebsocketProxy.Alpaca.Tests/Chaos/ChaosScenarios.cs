using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using WebsocketProxy.Alpaca.Simulator;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Alpaca.Tests.Chaos;

/// <summary>
/// The chaos catalogue: each entry is a fault done to running strategy processes and what must follow. A new
/// field failure is one more entry here and one more fact in <see cref="ChaosTests"/>.
/// </summary>
/// <remarks>
/// The field failures of issue 10 each have an entry: a drop then 406 for a while (<see cref="DropThenRefuse406"/>,
/// and <see cref="DropThenRefuse406For20SecondsThroughTheControlInterface"/> through the simulator process's CLI
/// control interface), a half-open upstream short (<see cref="BriefHalfOpenUpstream"/>) and past the keep-alive
/// timeout (<see cref="HalfOpenUpstreamPastTheKeepAlive"/>), <see cref="Flapping"/>, and the fatal 408 and 411
/// (<see cref="Refuse408AtFirstConnection"/>, <see cref="DropThenRefuse411"/>).
/// </remarks>
internal static partial class ChaosScenarios
{
    /// <summary>
    /// The stopped reader's ring: small, so that about three seconds of the test market lap it. A data record is
    /// at least <see cref="MinimumRecordBytes"/>, so <c>RingSize / MinimumRecordBytes</c> frames published while
    /// the reader is stopped certainly overwrite what it had not read.
    /// </summary>
    private const int LappingRing = 32 * 1024;

    /// <summary>A 32-byte record header, the 24-byte event header and a frame of at least one ~100-byte trade.</summary>
    private const int MinimumRecordBytes = 128;

    /// <summary>Sessions a flapping service closes right after authentication.</summary>
    private const int FlappingSessions = 4;

    /// <summary>How long a wait spanning a 20 s refusal may take on a loaded machine.</summary>
    private static readonly TimeSpan RefusalWait = TimeSpan.FromSeconds(60);

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

    /// <summary>
    /// kill -9 of the proxy against a service that, like the real one, counts the vanished session against the key
    /// for a while (<see cref="AlpacaSimulatorOptions.DeadSessionLinger"/>, 5 s here; about 90 s for Alpaca): the
    /// new proxy's first connection gets 406. The clients' recovery must wait that out, not fail.
    /// </summary>
    public static ChaosScenario KillProxyWithDeadSessionLinger { get; } = new(
        "kill -9 of the proxy, the dead session answered 406 for 5 s",
        ChaosSetup.Default with { Simulator = ChaosSetup.Default.Simulator with { DeadSessionLinger = TimeSpan.FromSeconds(5) } },
        KillProxy.Fault,
        async (world, marks) =>
        {
            await Task.WhenAll(world.Strategies.Select(async s =>
            {
                var restored = ChaosRunner.ParseGap(await s.Process.WaitForLineAfterAsync(marks.Of(s), "GAP True"));
                Assert.True(restored.Outage > TimeSpan.Zero, $"the restore of {s.Symbol} states its outage");
                Assert.Empty(s.LinesSince(marks.Of(s), "FAILED"));
                await s.FreshTradeAsync(marks.Of(s));
            }));
            await world.WaitForStatusAsync(s => s.Pid != marks.Fact<int>("pid"), "a new proxy answers");
            await world.WaitForSimulatorAsync(c => HoldsAll(c, world), "the new proxy's upstream holds every strategy's symbol");

            // The dead session was really counted: the new proxy was refused (406) before it was let in.
            Assert.True(world.Simulator.Counters.ConnectionsSeen >= 3, $"the new proxy was refused at least once ({world.Simulator.Counters.ConnectionsSeen} connections seen)");
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
    [SupportedOSPlatform("linux")]
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
    [SupportedOSPlatform("linux")]
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
    /// A SIGSTOP of the proxy longer than its heartbeat bound but shorter than the strategies' hung-proxy bound
    /// (<see cref="WebsocketProxy.Client.WebsocketProxyClientOptions.HungProxyTimeout"/>, 30 s). A frozen proxy still
    /// holds its lease, so liveness alone finds it alive; its heartbeat in the broadcast ring stops changing, and every
    /// strategy is told (a stream error naming the proxy) instead of going silent. After SIGCONT each gets a Gap with
    /// the outage and data again on the same proxy and upstream connection; the stop being far below the simulator's
    /// ping timeout, nothing was lost. Past the hung-proxy bound: <see cref="StopProxyPastHungBound"/>.
    /// </summary>
    [SupportedOSPlatform("linux")]
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
    /// A SIGSTOP of the proxy that lasts past the strategies' hung-proxy bound (8 s here): after the stream error, one
    /// strategy's client terminates the frozen proxy (it has checked that the pid is this user's proxy of this instance,
    /// holding its lease), a new proxy starts, and every strategy is restored onto it (a Gap with Reconnected) and
    /// gets fresh trades, each symbol held once.
    /// </summary>
    [SupportedOSPlatform("linux")]
    public static ChaosScenario StopProxyPastHungBound { get; } = new(
        "SIGSTOP of the proxy past the hung-proxy bound",
        ChaosSetup.Default with { HungProxyTimeout = TimeSpan.FromSeconds(8) },
        async (world, marks) =>
        {
            var status = await world.StatusAsync();
            marks.Facts["pid"] = status.Pid;
            ProcessSignals.Stop(status.Pid);
            var told = await Task.WhenAll(world.Strategies.Select(s => s.Process.WaitForLineAfterAsync(marks.Of(s), "STREAMERROR")));
            Assert.All(told, line => Assert.Contains("stopped or hung", line, StringComparison.Ordinal));

            // Not continued: the clients are to replace it. (Should they not, the runner's clean-up kills it.)
        },
        async (world, marks) =>
        {
            await Task.WhenAll(world.Strategies.Select(async s =>
            {
                var restored = ChaosRunner.ParseGap(await s.Process.WaitForLineAfterAsync(marks.Of(s), "GAP True"));
                Assert.True(restored.Outage > TimeSpan.Zero, $"the restore of {s.Symbol} states its outage");
                await s.FreshTradeAsync(marks.Of(s));
            }));
            var status = await world.WaitForStatusAsync(s => s.Pid != marks.Fact<int>("pid"), "a new proxy answers");
            Assert.False(ProcFs.IsRunning(marks.Fact<int>("pid")), "the hung proxy was terminated");
            await world.WaitForSimulatorAsync(c => HoldsAll(c, world), "the new proxy's upstream holds every strategy's symbol");
        });

    /// <summary>
    /// A brief half-open upstream: the service neither sends nor reads (so pings
    /// go unanswered) while the TCP connection stays up, until every strategy's one-second watchdog has fired. Far
    /// shorter than any keep-alive timeout, it must not be taken for a dead connection: nothing is reported, no
    /// reconnect, and everything resumes on the same connection. The long version is
    /// <see cref="HalfOpenUpstreamPastTheKeepAlive"/>.
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
    /// <see langword="true"/>: every 406 is retried. <see langword="false"/>: the default options, which retry a 406
    /// that follows a drop within <c>ConnectionLimitRetryWindow</c> (3 min).
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

    /// <summary>
    /// The issue's acceptance case, driven as an operator would: <c>POST /control/faults/drop?refuse=20s</c> to the
    /// simulator process (every session dropped, its dead session answered 406 for 20 s, as the real service counts
    /// it). With the default options the streams survive it and resume by themselves: 406 errors reported, no
    /// FAILED, a loss Gap, then a reconnect Gap whose outage covers the 20 s.
    /// </summary>
    public static ChaosScenario DropThenRefuse406For20SecondsThroughTheControlInterface { get; } = new(
        "drop then 406 for 20 s, through the simulator process's HTTP control interface",
        ChaosSetup.Default with { SimulatorAsProcess = true },
        async (world, marks) =>
        {
            marks.Facts["dropping"] = Stopwatch.GetTimestamp();
            var answer = await world.SimulatorProcess.PostFaultAsync("drop?refuse=20s");
            Assert.Contains("\"connections\":1", answer, StringComparison.Ordinal);
        },
        async (world, marks) =>
        {
            await Task.WhenAll(world.Strategies.Select(async s =>
            {
                var dropped = ChaosRunner.ParseGap(await s.Process.WaitForLineAfterAsync(marks.Of(s), "GAP False"));

                // The proxy counts the outage from when it noticed the drop, which it has by now; no session is let in
                // before 20 s after the drop, which came after "dropping". So the outage is at least 20 s less the
                // time from "dropping" to here, however slowly a loaded machine noticed (a fixed 19 s was not).
                var noticedWithin = Stopwatch.GetElapsedTime(marks.Fact<long>("dropping"));
                var restored = ChaosRunner.ParseGap(await s.Process.WaitForLineAfterAsync(marks.Of(s), "GAP True", RefusalWait));
                Assert.Equal(0, dropped.Lost);
                var least = TimeSpan.FromSeconds(20) - noticedWithin - TimeSpan.FromMilliseconds(100);
                Assert.True(restored.Outage >= least, $"the reconnect of {s.Symbol} states an outage covering the 20 s refusal (at least {least}, the drop noticed within {noticedWithin}), not {restored.Outage}");
                Assert.Empty(s.LinesSince(marks.Of(s), "FAILED"));
                Assert.All(s.LinesSince(marks.Of(s), "ERROR"), e => Assert.StartsWith("ERROR 406 ", e, StringComparison.Ordinal));
                await s.FreshTradeAsync(marks.Of(s));
            }));
            var status = await world.WaitForSimulatorProcessAsync(
                j => j.GetProperty("connections").GetInt64() == 1 && j.GetProperty("authenticated").GetInt32() == 1,
                "one upstream connection, authenticated");
            Assert.True(status.GetProperty("connectionsSeen").GetInt64() >= 3, $"the proxy was refused before it got back: {status}");
        });

    /// <summary>
    /// A frozen server with its TCP connections open (the simulator's "silent" fault: no byte read or sent, pings
    /// unanswered, new handshakes stalled too) for longer than the default keep-alive (a ping every 10 s, 10 s for
    /// the answer): the proxy must find the link dead within about 20 s (the issue's bound: 30 s), say so in its
    /// status and as a loss Gap, and reconnect once the service answers again.
    /// </summary>
    public static ChaosScenario HalfOpenUpstreamPastTheKeepAlive { get; } = new(
        "half-open upstream past the default keep-alive timeout",
        ChaosSetup.Default,
        async (world, marks) =>
        {
            var silence = Stopwatch.StartNew();
            world.Simulator.Faults.GoSilent();
            try
            {
                var detected = await Task.WhenAll(world.Strategies.Select(async s =>
                {
                    await s.Process.WaitForLineAfterAsync(marks.Of(s), "GAP False", TimeSpan.FromSeconds(45));
                    return silence.Elapsed;
                }));
                marks.Facts["detected"] = detected.Max();
                var status = await world.StatusAsync();
                marks.Facts["status"] = status.Text;
            }
            finally
            {
                world.Simulator.Faults.EndSilence();
            }
        },
        async (world, marks) =>
        {
            var detected = marks.Fact<TimeSpan>("detected");
            Assert.True(detected < TimeSpan.FromSeconds(30), $"the dead link was reported {detected} after the silence began; the bound is 30 s (keep-alive 10 s + 10 s)");
            var status = marks.Fact<string>("status");
            Assert.Matches(@"state: reconnecting since .*, last drop: (?!none)", status);
            await Task.WhenAll(world.Strategies.Select(async s =>
            {
                // The fault consumed each GAP False (a line is offered to one wait only): the restore comes after it.
                var restored = ChaosRunner.ParseGap(await s.Process.WaitForLineAfterAsync(marks.Of(s), "GAP True"));
                Assert.Equal(0, ChaosRunner.ParseGap(s.LinesSince(marks.Of(s), "GAP False")[0]).Lost);
                Assert.True(restored.Outage > TimeSpan.Zero, $"the reconnect of {s.Symbol} states its outage");
                await s.FreshTradeAsync(marks.Of(s));
            }));
            await world.WaitForSimulatorAsync(c => c.Connections[^1].IsOpen && c.Connections[^1].IsAuthenticated && HoldsAll(c, world), "a new upstream connection holding every symbol");
            Assert.Contains("state: connected", (await world.StatusAsync()).Text, StringComparison.Ordinal);
        });

    /// <summary>
    /// A flapping service: it accepts and authenticates, then drops the connection 100 ms later, for
    /// <see cref="FlappingSessions"/> sessions in a row. The proxy must not hammer it: each reconnect after a short
    /// session waits a backoff that doubles (with jitter, at least half of 200 ms, 400 ms, 800 ms... here), read off
    /// the simulator's accept times. Once it stops flapping the streams come back with a reconnect Gap.
    /// </summary>
    public static ChaosScenario Flapping { get; } = new(
        $"flapping: {FlappingSessions} sessions closed 100 ms after authentication",
        ChaosSetup.Default with { ReconnectBackoff = (TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5)) },
        async (world, marks) =>
        {
            var seen = world.Simulator.Counters.ConnectionsSeen;
            marks.Facts["seen"] = seen;
            world.Simulator.Faults.CloseAfterAuthentication(FlappingSessions, TimeSpan.FromMilliseconds(100), abrupt: true);
            Assert.Equal(1, world.Simulator.Faults.DropAllConnections());
            await world.WaitForSimulatorAsync(c => c.ConnectionsSeen >= seen + FlappingSessions + 1, "the flapping sessions and one more");
        },
        async (world, marks) =>
        {
            await world.WaitForSimulatorAsync(c => c.Connections[^1].IsOpen && HoldsAll(c, world), "the session after the flapping holding every symbol");
            var seen = marks.Fact<long>("seen");
            var reconnects = world.Simulator.Counters.Connections.Skip((int)seen).Select(c => c.AcceptedAt).ToArray();
            Assert.Equal(FlappingSessions + 1, reconnects.Length);
            var initial = world.Setup.ReconnectBackoff!.Value.Initial;
            for (var i = 1; i < reconnects.Length; i++)
            {
                // After the i-th short session the backoff level is i: at least half of initial * 2^i (less a timer tick).
                var least = (initial * Math.Pow(2, i) / 2) - TimeSpan.FromMilliseconds(20);
                var gap = reconnects[i] - reconnects[i - 1];
                Assert.True(gap >= least, $"reconnect {i + 1} came {gap.TotalMilliseconds:0} ms after the one before; the backoff wants at least {least.TotalMilliseconds:0} ms (accepts: {string.Join(", ", reconnects.Select(r => r.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)))})");
            }

            // Every session the proxy saw ready was announced (GAP True), and every one of them but the last dropped
            // (GAP False, as the first drop): the proxy's count tells which GAP True is the last. A strategy prints a
            // GAP as it reads it but a TRADE when its loop gets to it, so a trade read before the last drop may print
            // after it; only a trade printed after the last GAP True is of the session that stayed.
            var announced = Reconnects(await world.StatusAsync());
            Assert.InRange(announced, 1, FlappingSessions + 1);
            await Task.WhenAll(world.Strategies.Select(async s =>
            {
                Assert.Equal(0, ChaosRunner.ParseGap(await s.Process.WaitForLineAfterAsync(marks.Of(s), "GAP False")).Lost);
                var last = string.Empty;
                for (var restored = 0; restored < announced; restored++)
                {
                    last = await s.Process.WaitForLineAfterAsync(marks.Of(s), "GAP True");
                }

                Assert.True(ChaosRunner.ParseGap(last).Outage > TimeSpan.Zero, $"the reconnect of {s.Symbol} states its outage");
                await s.FreshTradeAsync(marks.Of(s));
                var gaps = s.LinesSince(marks.Of(s), "GAP");
                Assert.Equal(announced, gaps.Count(g => g.StartsWith("GAP False", StringComparison.Ordinal)));
                Assert.StartsWith("GAP True", gaps[^1], StringComparison.Ordinal);
            }));
        });

    /// <summary>
    /// A drop, then 411 on the reconnect: a fatal refusal (the request itself is wrong), never retried. Every
    /// strategy must end with FAILED 411 and the service's message; none may hang.
    /// </summary>
    public static ChaosScenario DropThenRefuse411 { get; } = new(
        "drop then 411 on the reconnect",
        ChaosSetup.Default,
        async (world, _) =>
        {
            world.Simulator.Faults.RefuseAuthentication(411, sessions: 100);
            Assert.Equal(1, world.Simulator.Faults.DropAllConnections());
            await Task.CompletedTask;
        },
        (world, marks) => ExpectFailedAsync(world, marks, 411),
        StreamsEnd: true);

    /// <summary>408 on the very first connection: fatal at connect, every strategy ends with FAILED 408.</summary>
    public static ChaosScenario Refuse408AtFirstConnection { get; } = new(
        "408 on the first connection",
        ChaosSetup.Default with { Strategies = 0 },
        (world, _) =>
        {
            world.Simulator.Faults.RefuseAuthentication(408, sessions: 100);
            foreach (var symbol in (string[])["AAPL", "MSFT", "AMZN"])
            {
                world.StartStrategy(symbol);
            }

            return Task.CompletedTask;
        },
        async (world, marks) =>
        {
            await ExpectFailedAsync(world, marks, 408);
            Assert.All(world.Strategies, s => Assert.Empty(s.LinesSince(0, "CONNECTED")));
        },
        StreamsEnd: true);

    private static Task ExpectFailedAsync(ChaosWorld world, ChaosMarks marks, int code) =>
        Task.WhenAll(world.Strategies.Select(async s =>
        {
            var failed = await s.Process.WaitForLineAfterAsync(marks.Of(s), "FAILED");
            var message = AlpacaSimulatorFaults.StandardMessage(code);
            Assert.StartsWith($"FAILED {code} ", failed, StringComparison.Ordinal);
            Assert.Contains(message, failed, StringComparison.OrdinalIgnoreCase);
            await s.Process.WaitForExitAsync();
        }));

    private static Task ExpectReconnectGapsAsync(ChaosWorld world, ChaosMarks marks) =>
        Task.WhenAll(world.Strategies.Select(async s =>
        {
            var dropped = ChaosRunner.ParseGap(await s.Process.WaitForLineAfterAsync(marks.Of(s), "GAP False"));
            var restored = ChaosRunner.ParseGap(await s.Process.WaitForLineAfterAsync(marks.Of(s), "GAP True"));
            Assert.Equal(0, dropped.Lost);
            Assert.True(restored.Outage > TimeSpan.Zero, $"the reconnect of {s.Symbol} states its outage");
            await s.FreshTradeAsync(marks.Of(s));
        }));

    /// <summary>The reconnects the proxy's (one) upstream connection counted, from its status.</summary>
    private static int Reconnects(ProxyStatus status)
    {
        var match = ReconnectCount().Match(status.Text);
        Assert.True(match.Success, $"no reconnect count in the proxy's status:\n{status.Text}");
        return int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"reconnects (?<n>\d+),")]
    private static partial System.Text.RegularExpressions.Regex ReconnectCount();

    /// <summary>The trade symbols the simulator's newest connection holds.</summary>
    private static IReadOnlyList<string> Newest(AlpacaSimulatorCounters counters) =>
        counters.Connections.Count > 0 && counters.Connections[^1].Subscriptions.TryGetValue("trades", out var symbols) ? symbols : [];

    private static bool HoldsAll(AlpacaSimulatorCounters counters, ChaosWorld world) =>
        world.Strategies.All(s => Newest(counters).Contains(s.Symbol));
}
