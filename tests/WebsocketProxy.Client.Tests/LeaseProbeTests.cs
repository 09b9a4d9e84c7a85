using System.Diagnostics;
using System.Text;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client.Tests;

/// <summary>A lease probe that fails with an I/O error kills neither the proxy nor the client: real processes, real lease files.</summary>
public sealed class LeaseProbeTests
{
    [Fact]
    public async Task LeaseProbesFail_ProxyAndClientCountThePeerAlive_AndGoOnServing()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var logged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = context.ClientOptions("probed") with { Callback = new LogWatcher("Cannot probe the proxy's lease", logged) };
        await using var client = await WebsocketProxyClient.ConnectAsync(options);
        var proxyId = client.ServerId;

        // Lease files are opened without following links: a link in place of each makes every probe fail with
        // an I/O error (ELOOP), while the holders keep their locks on the files moved aside.
        using (Unprobeable(ProxyNames.InstanceLease(context.Instance)))
        using (Unprobeable(ProxyNames.ClientLease(context.Instance, client.Registration.ClientId)))
        {
            await logged.Task.WaitAsync(TimeSpan.FromSeconds(20));
            await WaitForProxyLogAsync(context, "cannot probe its lease");
        }

        var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var frames = new FrameCollector(connection);
        await connection.SendAsync(Encoding.UTF8.GetBytes("still-here"));
        await server.WaitForMessageAsync("still-here");
        await server.BroadcastAsync("and-back");
        await frames.WaitForDataAsync("and-back");
        Assert.Equal(proxyId, client.ServerId);
    }

    private static Restore Unprobeable(string path)
    {
        var aside = path + ".aside";
        File.Move(path, aside);
        File.CreateSymbolicLink(path, aside);
        return new Restore(path, aside);
    }

    private static async Task WaitForProxyLogAsync(ProxyTestContext context, string text)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!context.ProxyLog.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"The proxy did not log '{text}' within 20 s. Its log:\n{context.ProxyLog}");
            await Task.Delay(20);
        }
    }

    private sealed class Restore(string path, string aside) : IDisposable
    {
        public void Dispose()
        {
            File.Delete(path);
            File.Move(aside, path);
        }
    }

    private sealed class LogWatcher(string text, TaskCompletionSource seen) : IWebsocketProxyCallback
    {
        public void OnLog(Microsoft.Extensions.Logging.LogLevel level, string message)
        {
            if (message.Contains(text, StringComparison.Ordinal))
            {
                seen.TrySetResult();
            }
        }
    }
}
