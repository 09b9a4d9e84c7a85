using System.Diagnostics;
using System.Reflection;
using WebsocketProxy.Ipc;
using WebsocketProxy.Protocol;
using WebsocketProxy.Server.Cli;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Server.Tests.Cli;

/// <summary>`websocket-proxy clean`: removes what nothing holds, never what a live proxy or client holds.</summary>
public sealed class InstanceCleanerTests : IDisposable
{
    private readonly string _instance = "c" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<string> _removed = [];
    private readonly List<string> _kept = [];
    private IpcBackend _backend = IpcBackendSelection.Default;

    [Theory]
    [AllBackends]
    public void Clean_StoppedProxyAndDeadClients_RemovesEveryFile(IpcBackend backend)
    {
        _backend = backend;
        using (BroadcastWriter.Create(ProxyNames.Broadcast(_instance, _backend)))
        {
        }

        Lease.Acquire(ProxyNames.InstanceLease(_instance, _backend)).Dispose();
        Lease.Acquire(ProxyNames.SpawnLock(_instance, _backend)).Dispose();
        MessageRing.Create(ProxyNames.Broadcast(_instance, _backend) + ".new-0123456789ab", 4096).Dispose();
        DeadClient(1, withLease: true);
        DeadClient(2, withLease: false);
        MessageRing.Create(ProxyNames.ClientRequests(_instance, 3, _backend) + ".new-0123456789ab", 4096).Dispose();
        File.SetLastWriteTimeUtc(ProxyNames.ClientRequests(_instance, 3, _backend) + ".new-0123456789ab", DateTime.UtcNow.AddMinutes(-1));
        var before = Files();

        Clean(_instance);

        Assert.Equal(11, before.Count);
        Assert.Equal(before.Order(), _removed.Order());
        Assert.Empty(Files());
        Assert.Empty(_kept);
    }

    [Theory]
    [AllBackends]
    public void Clean_LiveProxyAndLiveClient_KeepsTheirFilesRemovesTheDeadClient(IpcBackend backend)
    {
        _backend = backend;
        using var proxy = Lease.Acquire(ProxyNames.InstanceLease(_instance, _backend));
        using var writer = BroadcastWriter.Create(ProxyNames.Broadcast(_instance, _backend));
        using var live = MessageRing.Create(ProxyNames.ClientRequests(_instance, 1, _backend), 4096);
        using var liveLease = Lease.Acquire(ProxyNames.ClientLease(_instance, 1, _backend));
        DeadClient(2, withLease: true);
        DeadClient(3, withLease: false, age: TimeSpan.Zero);
        var dead = new[] { ProxyNames.ClientRequests(_instance, 2, _backend), ProxyNames.ClientReplies(_instance, 2, _backend), ProxyNames.ClientLease(_instance, 2, _backend) };

        Clean(_instance);

        Assert.Equal(dead.Order(), _removed.Order());
        Assert.Equal(Files().Order(), _kept.Order());
        Assert.True(Lease.IsHeld(ProxyNames.InstanceLease(_instance, _backend)));
        Assert.True(Lease.IsHeld(ProxyNames.ClientLease(_instance, 1, _backend)));

        // A client that may be registering (rings first, then its lease) is left alone while young.
        Assert.Contains(ProxyNames.ClientRequests(_instance, 3, _backend), _kept);
    }

    [Fact]
    public void Clean_All_CoversThisInstance()
    {
        Lease.Acquire(ProxyNames.InstanceLease(_instance, _backend)).Dispose();
        DeadClient(1, withLease: true);

        Clean(null);

        Assert.Empty(Files());
        Assert.Contains(ProxyNames.InstanceLease(_instance, _backend), _removed);
    }

    [NativeBackendFact("it expects the native root's paths in the output")]
    public async Task CleanVerb_StoppedProxy_PrintsWhatItRemoved()
    {
        Lease.Acquire(ProxyNames.InstanceLease(_instance, _backend)).Dispose();
        DeadClient(1, withLease: true);

        var (code, output) = await RunAsync("clean", "--instance", _instance);

        Assert.True(code == 0, output);
        Assert.Contains("removed " + ProxyNames.InstanceLease(_instance, _backend), output, StringComparison.Ordinal);
        Assert.Contains("removed " + ProxyNames.ClientLease(_instance, 1, _backend), output, StringComparison.Ordinal);
        Assert.Contains("4 files removed.", output, StringComparison.Ordinal);
        Assert.Empty(Files());
    }

    [Fact]
    public async Task CleanVerb_InstanceAndAll_ExitCode2()
    {
        var (code, output) = await RunAsync("clean", "--instance", _instance, "--all");

        Assert.Equal(2, code);
        Assert.Contains("either --instance NAME or --all", output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var file in Files())
        {
            File.Delete(file);
        }
    }

    private void DeadClient(long id, bool withLease, TimeSpan? age = null)
    {
        MessageRing.Create(ProxyNames.ClientRequests(_instance, id, _backend), 4096).Dispose();
        MessageRing.Create(ProxyNames.ClientReplies(_instance, id, _backend), 4096).Dispose();
        if (withLease)
        {
            Lease.Acquire(ProxyNames.ClientLease(_instance, id, _backend)).Dispose();
        }

        foreach (var file in Files().Where(f => f.Contains($".client.{id:x16}.", StringComparison.Ordinal)))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow - (age ?? TimeSpan.FromMinutes(1)));
        }
    }

    private void Clean(string? instance) =>
        InstanceCleaner.Clean(instance, TimeProvider.System, _removed.Add, (path, _) => _kept.Add(path), _backend);

    private List<string> Files() => [.. Directory.EnumerateFiles(IpcPaths.EnsureRootDirectory(_backend), _instance + ".*")];

    private static async Task<(int Code, string Output)> RunAsync(params string[] arguments)
    {
        var dll = typeof(InstanceCleanerTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProxyPath").Value!;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
