using System.Runtime.Versioning;
using WebsocketProxy.Protocol;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Client.Tests;

/// <summary>
/// A stopped or hung proxy still holds its lease, so liveness alone cannot see it: the heartbeat it stamps into the
/// broadcast ring can. Its clients are told instead of going silent, and told again when it resumes.
/// </summary>
public sealed class ProxyHeartbeatTests
{
    [PlatformFact(TestPlatforms.Linux, "SIGSTOP")]
    [SupportedOSPlatform("linux")]
    public async Task ProxyStopped_PastTheHeartbeatBound_EveryConnectionGetsAnErrorThenAGapWithTheOutageWhenItResumes()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var client = await WebsocketProxyClient.ConnectAsync(context.ClientOptions("heartbeat"));
        await using var _ = client;
        var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var frames = new FrameCollector(connection);
        await server.BroadcastAsync("before");
        await frames.WaitForDataAsync("before");
        var pid = (int)client.ServerId;

        ProcessSignals.Stop(pid);
        ProxyFrame stale;
        try
        {
            stale = await frames.WaitForKindAsync(ProxyFrameKind.Error, ProxyHeartbeat.StaleAfter + TimeSpan.FromSeconds(30));
        }
        finally
        {
            ProcessSignals.Continue(pid);
        }

        Assert.Contains($"pid {pid}", stale.Message, StringComparison.Ordinal);
        Assert.Contains("stopped or hung", stale.Message, StringComparison.Ordinal);
        var resumed = await frames.WaitForKindAsync(ProxyFrameKind.Gap);
        Assert.True(resumed.Outage >= ProxyHeartbeat.StaleAfter, $"the gap states how long the proxy was away: {resumed.Outage}");
        Assert.Equal(0, resumed.LostMessages);

        // Nothing was lost or reconnected: the same proxy and upstream connection go on.
        await server.BroadcastAsync("after");
        await frames.WaitForDataAsync("after");
        Assert.Equal(pid, (int)client.ServerId);
        Assert.DoesNotContain(frames.Seen, f => f.StartsWith("Reconnected", StringComparison.Ordinal) || f.StartsWith("Closed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QuietFeed_LongerThanTheHeartbeatBound_NothingIsReported()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var client = await WebsocketProxyClient.ConnectAsync(context.ClientOptions("quiet"));
        await using var _ = client;
        var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var frames = new FrameCollector(connection);

        // No frame at all for longer than the bound: the heartbeat, not the data, says the proxy is alive. The wait
        // is the proxy's own observable clock (its stamps), not a sleep standing in for an event.
        var reader = client.Registration.Broadcast;
        var first = reader.WriterHeartbeat;
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (reader.WriterHeartbeat - first < ProxyHeartbeat.StaleAfter + TimeSpan.FromSeconds(1))
            {
                await Task.Delay(100, deadline.Token);
            }
        }

        await server.BroadcastAsync("still here");
        await frames.WaitForDataAsync("still here");
        Assert.DoesNotContain(frames.Seen, f => f.StartsWith("Error", StringComparison.Ordinal) || f.StartsWith("Gap", StringComparison.Ordinal));
    }
}
