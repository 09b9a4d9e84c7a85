using System.Globalization;
using WebsocketProxy.Samples.Tests.Support;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Samples.Tests;

/// <summary>
/// samples/MultiStrategy as a user runs it: the embedded simulator, one OS process per strategy on typed streams,
/// one proxy that all of them share, a summary at the end, and nothing left running afterwards.
/// </summary>
public sealed class MultiStrategyTests
{
    private const string Sample = "MultiStrategy";
    private const string OneUpstreamConnection = "Upstream connections opened to the simulator during the run: 1";

    private const string TradingConnections = "Trading connections opened to the simulator during the run: ";

    private static readonly string[] MarketDataStrategies = ["sma-crossover-1", "spread-monitor-1", "vwap-deviation-1"];

    // The default run adds two order followers, each following its own orders among the account's.
    private static readonly string[] DefaultStrategies = ["order-follower-1", "order-follower-2", .. MarketDataStrategies];

    // Generous: a run is a few seconds, but two cores may be busy with other builds.
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    // The strategies start their proxy with a 5 s grace period; the rest is slack for a loaded machine.
    private static readonly TimeSpan ProxyExitTimeout = TimeSpan.FromSeconds(30);

    [PlatformTheory(TestPlatforms.Linux, "the samples are driven with POSIX signals and /proc")]
    [InlineData(3, null)]
    [InlineData(4, "aapl,msft")]
    public async Task Run_ForDuration_EveryStrategyStreamsOverOneUpstreamConnectionAndNothingRemains(int strategies, string? symbols)
    {
        await using var run = new ProcessRun("multistrategy");
        // The 6 s count from when every strategy streams (at load ~58 the processes had not streamed within 6 s of
        // their start, and the run ended with 0 messages). Market data only: the order followers are covered by the
        // interrupt test.
        List<string> arguments = ["--duration", "6", "--instance", run.Marker, "--strategies", strategies.ToString(CultureInfo.InvariantCulture), "--order-followers", "0"];
        if (symbols is not null)
        {
            arguments.AddRange(["--symbols", symbols]);
        }

        await using var sample = SampleProcess.Start(Sample, run, [.. arguments]);
        var exitCode = await sample.WaitForExitAsync(RunTimeout);

        Assert.True(exitCode == 0, $"exit code {exitCode}{sample.Describe()}");
        Assert.True(sample.Output.Any(l => l.StartsWith("Waiting for every strategy to stream", StringComparison.Ordinal)), $"the run waits for the strategies to stream{sample.Describe()}");
        var expected = strategies == 3 ? MarketDataStrategies : [.. MarketDataStrategies, "sma-crossover-2"];
        AssertSummary(sample, [.. expected.Order(StringComparer.Ordinal)], tradingConnections: 0);
        await AssertNothingRemainsAsync(run, sample, expected);
        var watched = symbols?.ToUpperInvariant() ?? "AAPL,MSFT,TSLA";
        Assert.All(run.SeenStrategies, s => Assert.Equal(watched, s.Argument("--symbols")));

        // The simulator's keys reach the strategies through a pipe: no process of the run has them in its environment.
        Assert.All(run.Seen, p => Assert.DoesNotContain("APCA_API_SECRET_KEY", p.EnvironmentNames));

        // The run stops at --duration, not at the next 5 s refresh of the redirected dashboard, which showed
        // "[00:10 / 00:06]" last. A wait for the next refresh can never end before 00:10, so anything earlier
        // shows the last wait ended at the duration; the 4 s between them absorb a busy machine's timer delays.
        var last = sample.Output.Last(l => l.StartsWith('[') && l.Contains(" / 00:06] ", StringComparison.Ordinal));
        var elapsed = TimeSpan.ParseExact(last[1..6], @"mm\:ss", CultureInfo.InvariantCulture);
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"the last refresh came at {elapsed}, at the refresh after the duration{sample.Describe()}");
    }

    [PlatformTheory(TestPlatforms.Linux, "the samples are driven with POSIX signals and /proc")]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Interrupt_WhileStreaming_PrintsSummaryExitsZeroAndNothingRemains(bool wholeProcessGroup)
    {
        await using var run = new ProcessRun("multistrategy-sigint");
        await using var sample = SampleProcess.Start(Sample, run, "--duration", "300", "--instance", run.Marker);

        // Streaming: the plain dashboard (every 5 s when output is redirected) shows messages for every strategy.
        foreach (var name in DefaultStrategies)
        {
            await sample.WaitForLineAsync(line => StrategyLine.TryParse(line) is { Messages: > 0 } s && s.Name == name, RunTimeout);
        }

        if (wholeProcessGroup)
        {
            // A terminal's Ctrl-C reaches the sample and its strategies, never the proxy (it leads its own session):
            // the proxy others may share must not stop because the program that started it did.
            var signalled = sample.InterruptProcessGroup(run);
            Assert.Contains(signalled, p => p.Pid == sample.ProcessId);
            Assert.DoesNotContain(signalled, p => p.IsProxy);
        }
        else
        {
            sample.Interrupt();
        }

        var exitCode = await sample.WaitForExitAsync(RunTimeout);

        Assert.True(exitCode == 0, $"exit code {exitCode}{sample.Describe()}");
        // Both order followers shared one trading connection, each seeing only its own orders' events.
        AssertSummary(sample, DefaultStrategies, tradingConnections: 1);
        await AssertNothingRemainsAsync(run, sample, DefaultStrategies);
    }

    [PlatformFact(TestPlatforms.Linux, "the samples are driven with POSIX signals and /proc")]
    public async Task Run_InvalidInstanceName_RefusedBeforeAnyProcessStarts()
    {
        await using var run = new ProcessRun("multistrategy-invalid");
        await using var sample = SampleProcess.Start(Sample, run, "--instance", "../elsewhere", "--duration", "1");

        var exitCode = await sample.WaitForExitAsync(RunTimeout);

        Assert.True(exitCode != 0, $"an invalid instance name was accepted{sample.Describe()}");
        Assert.Contains("--instance may hold only letters, digits, '_' and '-'; got '../elsewhere'.", sample.Errors);
        Assert.Empty(run.SeenStrategies);
        Assert.Empty(run.SeenProxies);
    }

    private static void AssertSummary(SampleProcess sample, string[] expected, int tradingConnections)
    {
        var summary = StrategyLine.Summary(sample.Output);
        Assert.True(expected.SequenceEqual(summary.Select(s => s.Name)), $"summary of [{string.Join(", ", expected)}] expected{sample.Describe()}");
        Assert.All(summary, s =>
        {
            Assert.True(s.Messages > 0, $"{s.Name} received no message{sample.Describe()}");
            Assert.Equal(0, s.Errors);
            Assert.Null(s.Fault);
        });
        Assert.True(sample.Output.Contains(OneUpstreamConnection), $"'{OneUpstreamConnection}' expected{sample.Describe()}");
        var trading = TradingConnections + tradingConnections.ToString(CultureInfo.InvariantCulture);
        Assert.True(sample.Output.Contains(trading), $"'{trading}' expected{sample.Describe()}");
    }

    private static async Task AssertNothingRemainsAsync(ProcessRun run, SampleProcess sample, string[] strategies)
    {
        // The sample has exited: it waited for every strategy process, so none may outlive it.
        Assert.Equal(strategies.Order(StringComparer.Ordinal), run.SeenStrategies.Select(s => s.Argument("--name")!).Order(StringComparer.Ordinal));
        Assert.All(run.SeenStrategies, s => Assert.False(s.IsAlive(), $"strategy still running after the sample exited: {s}"));

        // One proxy served them all, for this run's instance only; it leaves once its grace period ends.
        var proxy = Assert.Single(run.SeenProxies);
        Assert.True(proxy.Argument("--instance") == run.Marker, $"proxy of another instance: {proxy}{sample.Describe()}");
        await run.WaitUntilAllGoneAsync(run.Marker, ProxyExitTimeout);
    }
}
