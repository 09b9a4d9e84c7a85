using System.Runtime.Versioning;
using Microsoft.Extensions.Time.Testing;
using WebsocketProxy.Client.Internal;
using WebsocketProxy.Ipc;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Client.Tests;

/// <summary>Clients that arrive together while no proxy runs, or wait for a slow one, start exactly one proxy between them.</summary>
public sealed class ProxySpawnTests
{
    [Theory]
    [AllBackends]
    public async Task Connect_SeveralClientsAtOnceNoProxyRunning_OnlyOneStartsAProxy(IpcBackend backend)
    {
        await using var context = new ProxyTestContext(backend);
        var spawns = 0;
        void Starter(WebsocketProxyClientOptions options)
        {
            Interlocked.Increment(ref spawns);
            ProxyLauncher.Start(options);
        }

        // The proxy needs a few hundred milliseconds to take its lease; every client arrives within that window.
        var clients = await Task.WhenAll(Enumerable.Range(1, 4).Select(i =>
            Task.Run(() => WebsocketProxyClient.ConnectAsync(context.ClientOptions($"c{i}"), Starter, isolated: true, CancellationToken.None))));
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

    [PlatformFact(TestPlatforms.Unix, "the slow proxy is a shell script")]
    [UnsupportedOSPlatform("windows")]
    public async Task Connect_ProxySlowToStart_WaitsForItPastTheRespawnWindowInsteadOfStartingAnother()
    {
        await using var context = new ProxyTestContext();
        var folder = Directory.CreateTempSubdirectory("wsproxy-slow-");
        var go = Path.Combine(folder.FullName, "go");
        var launches = Path.Combine(folder.FullName, "launches");
        var script = Path.Combine(folder.FullName, "slow-proxy.sh");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

        // A proxy that is still starting (as on a loaded machine) until the test lets it go on.
        await File.WriteAllTextAsync(script,
            $"#!/bin/sh\necho launched >> '{launches}'\nwhile [ ! -e '{go}' ]; do sleep 0.05; done\nexec '{dotnet}' '{TestClientProcess.PathOf("ProxyPath")}' \"$@\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = context.ClientOptions("patient") with { ProxyPath = script, TimeProvider = time, StartTimeout = TimeSpan.FromMinutes(5) };
        try
        {
            var connecting = WebsocketProxyClient.ConnectAsync(options);
            using (var launched = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                while (!File.Exists(launches))
                {
                    await Task.Delay(20, launched.Token);
                }
            }

            // By the client's clock the proxy has now taken far longer than the respawn window for a proxy it cannot
            // watch; one it launched itself and that still runs is waited for.
            time.Advance(TimeSpan.FromSeconds(30));
            await File.WriteAllTextAsync(go, string.Empty);
            await using var client = await connecting.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Single(await File.ReadAllLinesAsync(launches));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
