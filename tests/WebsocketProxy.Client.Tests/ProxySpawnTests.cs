using WebsocketProxy.Client.Internal;

namespace WebsocketProxy.Client.Tests;

/// <summary>Clients that arrive together while no proxy runs start exactly one proxy between them.</summary>
public sealed class ProxySpawnTests
{
    [Fact]
    public async Task Connect_SeveralClientsAtOnceNoProxyRunning_OnlyOneStartsAProxy()
    {
        await using var context = new ProxyTestContext();
        var spawns = 0;
        void Starter(WebsocketProxyClientOptions options)
        {
            Interlocked.Increment(ref spawns);
            ProxyLauncher.Start(options);
        }

        // The proxy needs a few hundred milliseconds to take its lease; every client arrives within that window.
        var clients = await Task.WhenAll(Enumerable.Range(1, 4).Select(i =>
            Task.Run(() => WebsocketProxyClient.ConnectAsync(context.ClientOptions($"c{i}"), Starter, CancellationToken.None))));
        try
        {
            Assert.True(spawns == 1, $"{spawns} proxies started.{Environment.NewLine}{context.ProxyLog}");
            Assert.Single(clients.Select(c => c.ServerId).Distinct());
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
