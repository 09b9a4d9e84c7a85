using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WebsocketProxy.Client.Internal;
using WebsocketProxy.Protocol;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Client.Tests;

/// <summary>
/// A proxy silent past <see cref="WebsocketProxyClientOptions.HungProxyTimeout"/> is terminated by one of its
/// clients and replaced; a proxy that keeps failing to start is started again after a growing delay.
/// </summary>
public sealed partial class HungProxyRecoveryTests
{
    private static readonly TimeSpan HungAfter = TimeSpan.FromSeconds(8);

    [NativeBackendFact("only the native back-end proves which process holds the lease, so only it terminates a hung proxy", RunsOn = TestPlatforms.Linux)]
    [SupportedOSPlatform("linux")]
    public async Task ProxyStopped_PastHungProxyTimeout_OneClientTerminatesIt_BothRecoverOntoANewProxy()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var logs = new ConcurrentQueue<string>();
        var options = context.ClientOptions("hung") with { HungProxyTimeout = HungAfter, Callback = new LogCollector(logs) };

        // Two registrations, as two processes have: only one of them may terminate the proxy.
        await using var first = await WebsocketProxyClient.ConnectAsync(options, starter: null, isolated: true, CancellationToken.None);
        await using var second = await WebsocketProxyClient.ConnectAsync(options with { Name = "hung-2" }, starter: null, isolated: true, CancellationToken.None);
        var firstFrames = new FrameCollector(await first.OpenAsync(new ProxyConnectionOptions { Url = server.Url }));
        var secondFrames = new FrameCollector(await second.OpenAsync(new ProxyConnectionOptions { Url = server.Url }));
        await server.BroadcastAsync("before");
        await firstFrames.WaitForDataAsync("before");
        var pid = (int)first.ServerId;
        Assert.Null(HungProxy.Refusal(pid, ProxyNames.InstanceLease(context.Instance)));

        ProcessSignals.Stop(pid);
        try
        {
            var stale = await firstFrames.WaitForKindAsync(ProxyFrameKind.Error, TimeSpan.FromSeconds(60));
            Assert.Contains("stopped or hung", stale.Message, StringComparison.Ordinal);
            Assert.Contains($"replaced after {HungAfter.TotalSeconds:0} s", stale.Message, StringComparison.Ordinal);
            await firstFrames.WaitForKindAsync(ProxyFrameKind.Reconnected, TimeSpan.FromSeconds(60));
            await secondFrames.WaitForKindAsync(ProxyFrameKind.Reconnected, TimeSpan.FromSeconds(60));
        }
        finally
        {
            // Only when the test failed is it still there, stopped: it must not outlive the test.
            ProcessSignals.TryContinue(pid);
        }

        Assert.NotEqual(pid, (int)first.ServerId);
        Assert.Equal(first.ServerId, second.ServerId);
        Assert.False(ProcFs.IsRunning(pid), "The hung proxy still runs.");
        Assert.Single(logs, l => l.Contains("terminating it", StringComparison.Ordinal));

        // A new proxy, a new upstream connection, and the frames flow again to both.
        await server.BroadcastAsync("after");
        await firstFrames.WaitForDataAsync("after");
        await secondFrames.WaitForDataAsync("after");
    }

    [PlatformFact(TestPlatforms.Linux, "SIGSTOP")]
    [SupportedOSPlatform("linux")]
    public async Task ProxyStopped_ShorterThanHungProxyTimeout_ErrorThenGap_SameProxy()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        await using var client = await WebsocketProxyClient.ConnectAsync(context.ClientOptions("brief") with { HungProxyTimeout = TimeSpan.FromMinutes(5) });
        var frames = new FrameCollector(await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url }));
        var pid = (int)client.ServerId;

        ProcessSignals.Stop(pid);
        try
        {
            await frames.WaitForKindAsync(ProxyFrameKind.Error, TimeSpan.FromSeconds(60));
        }
        finally
        {
            ProcessSignals.Continue(pid);
        }

        await frames.WaitForKindAsync(ProxyFrameKind.Gap);
        await server.BroadcastAsync("after");
        await frames.WaitForDataAsync("after");
        Assert.Equal(pid, (int)client.ServerId);
        Assert.DoesNotContain(frames.Seen, f => f.StartsWith("Reconnected", StringComparison.Ordinal));
    }

    [Fact]
    public void Refusal_NotProvablyThisInstancesProxy_Refused()
    {
        var lease = Path.Combine(Path.GetTempPath(), "wsproxy-no-such-lease-" + Guid.NewGuid().ToString("N"));
        Assert.NotNull(HungProxy.Refusal(Environment.ProcessId, lease));
        Assert.NotNull(HungProxy.Refusal(1, lease));
        Assert.NotNull(HungProxy.Refusal(int.MaxValue, lease));
    }

    [Fact]
    public async Task ProxyKeepsFailingToStart_RespawnsSpacedByAGrowingBackoff_LogNamesTheProxyLog_ThenRecovers()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var failing = 0;
        var attempts = 0;
        void Starter(WebsocketProxyClientOptions options)
        {
            if (Volatile.Read(ref failing) != 0)
            {
                Interlocked.Increment(ref attempts);
                throw new WebsocketProxyException("websocket-proxy exited with code 3 as it started (the test's starter).");
            }

            ProxyLauncher.Start(options);
        }

        var logs = Channel.CreateUnbounded<string>();
        var options = context.ClientOptions("backoff") with { TimeProvider = time, Callback = new LogChannel(logs.Writer) };
        await using var client = await WebsocketProxyClient.ConnectAsync(options, Starter, CancellationToken.None);
        var frames = new FrameCollector(await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url }));
        var pid = (int)client.ServerId;

        Volatile.Write(ref failing, 1);
        ProcessSignals.Kill(pid);

        // One death is replaced at once; then each failed start waits [half, whole] of 0.5 s, 1 s, 2 s, 4 s. The fake
        // clock moves only here, by the whole: had recovery not waited for it, more starts than advances would show.
        double[] wholes = [0.5, 1, 2, 4];
        for (var i = 0; i < wholes.Length; i++)
        {
            var line = await NextAsync(logs.Reader, l => l.Contains("Next attempt in", StringComparison.Ordinal));
            Assert.Equal(i + 1, Volatile.Read(ref attempts));
            Assert.Contains(context.LogFile, line, StringComparison.Ordinal);
            var delay = double.Parse(NextAttempt().Match(line).Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.InRange(delay, (wholes[i] / 2) - 0.05, wholes[i] + 0.05);
            if (i == wholes.Length - 1)
            {
                Volatile.Write(ref failing, 0);
            }

            time.Advance(TimeSpan.FromSeconds(wholes[i]));
        }

        await frames.WaitForKindAsync(ProxyFrameKind.Reconnected, TimeSpan.FromSeconds(60));
        Assert.Equal(wholes.Length, Volatile.Read(ref attempts));
        Assert.NotEqual(pid, (int)client.ServerId);
        await server.BroadcastAsync("after");
        await frames.WaitForDataAsync("after");
    }

    private static async Task<string> NextAsync(ChannelReader<string> reader, Func<string, bool> predicate)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var line = await reader.ReadAsync(timeout.Token);
            if (predicate(line))
            {
                return line;
            }
        }
    }

    [GeneratedRegex(@"Next attempt in (\d+\.\d) s")]
    private static partial Regex NextAttempt();

    private sealed class LogCollector(ConcurrentQueue<string> lines) : IWebsocketProxyCallback
    {
        public void OnLog(LogLevel level, string message) => lines.Enqueue(message);
    }

    private sealed class LogChannel(ChannelWriter<string> lines) : IWebsocketProxyCallback
    {
        public void OnLog(LogLevel level, string message) => lines.TryWrite(message);
    }
}
