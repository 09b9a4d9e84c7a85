using System.Collections.Concurrent;
using System.Text;
using WebsocketProxy.Ipc;

namespace WebsocketProxy.Samples.Tests.Support;

/// <summary>
/// Every process of one sample run: the sample carries a unique marker in its environment and every process it
/// starts inherits it (strategy processes, and the proxy a client spawns). While the run lasts, a watcher reads
/// /proc and remembers each marked process it sees, so the test can later require that every one has gone.
/// </summary>
public sealed class ProcessRun : IAsyncDisposable
{
    // Under the WEBSOCKET_PROXY_ prefix, one of the few that a spawned proxy inherits (ProxyLauncher's allow-list).
    public const string Variable = "WEBSOCKET_PROXY_SAMPLES_TEST_RUN";

    private static readonly TimeSpan ScanInterval = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<(int Pid, long StartTime), ObservedProcess> _seen = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watcher;
    private readonly byte[] _needle;

    public ProcessRun(string name)
    {
        // Also a valid proxy instance name: letters, digits and '-'.
        Marker = $"{name}-{Guid.NewGuid():N}";
        _needle = Encoding.UTF8.GetBytes($"{Variable}={Marker}\0");
        _watcher = Task.Run(WatchAsync);
    }

    /// <summary>Unique to this run; the tests also use it as the run's proxy instance name.</summary>
    public string Marker { get; }

    /// <summary>Every marked process seen alive so far.</summary>
    public IReadOnlyList<ObservedProcess> Seen => [.. _seen.Values.OrderBy(p => p.Pid)];

    public IReadOnlyList<ObservedProcess> SeenProxies => [.. Seen.Where(p => p.IsProxy)];

    public IReadOnlyList<ObservedProcess> SeenStrategies => [.. Seen.Where(p => p.IsStrategy)];

    /// <summary>The marked processes alive now (a zombie counts as gone: it has exited).</summary>
    public IReadOnlyList<ObservedProcess> Alive()
    {
        var alive = new List<ObservedProcess>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && ObservedProcess.TryRead(pid, _needle) is { } process && process.IsAlive())
            {
                alive.Add(process);
            }
        }

        return alive;
    }

    /// <summary>
    /// Waits until every process of the run has gone, the ones seen earlier and any still marked, probing /proc
    /// every <see cref="ScanInterval"/>; fails after <paramref name="timeout"/> naming the survivors. Then checks
    /// that proxy <paramref name="instance"/> left no shared memory behind, and removes its lock files.
    /// </summary>
    public async Task WaitUntilAllGoneAsync(string instance, TimeSpan timeout)
    {
        await WaitUntilGoneAsync(timeout);

        // Lease and lock files stay by design (deleting one would let a late locker hold an unlinked inode); the
        // broadcast ring and the clients' rings must not.
        var files = Directory.GetFiles(IpcPaths.RootDirectory, Path.GetFileName(IpcPaths.ForUser(instance)) + ".*");
        Assert.DoesNotContain(files, f => !f.EndsWith(".lock", StringComparison.Ordinal) && !f.EndsWith(".lease", StringComparison.Ordinal));
        foreach (var file in files)
        {
            File.Delete(file);
        }
    }

    private async Task WaitUntilGoneAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var survivors = Seen.Where(p => p.IsAlive()).Concat(Alive()).DistinctBy(p => p.Pid).ToList();
            if (survivors.Count == 0)
            {
                return;
            }

            try
            {
                await Task.Delay(ScanInterval, cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Processes of run {Marker} still alive after {timeout}:{Environment.NewLine}{string.Join(Environment.NewLine, survivors)}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watcher;
        _stop.Dispose();

        // A failed run skips WaitUntilAllGoneAsync: its proxy's files go once the proxy has.
        WebsocketProxy.Tests.Shared.InstanceFiles.RemoveWhenIdle(Marker);
    }

    private async Task WatchAsync()
    {
        using var timer = new PeriodicTimer(ScanInterval);
        try
        {
            do
            {
                foreach (var process in Alive())
                {
                    // Overwritten on every scan: between fork and exec a child still shows its parent's command line.
                    _seen[(process.Pid, process.StartTime)] = process;
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // The test is done watching.
        }
    }
}
