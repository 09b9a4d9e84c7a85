using System.Collections.Concurrent;
using WebsocketProxy.Ipc;

namespace WebsocketProxy.Tests.Shared;

/// <summary>
/// Removes the files a test's proxy instance leaves in the user's IPC directory (the product keeps lock files by
/// design; a test run must not leave hundreds of them). Removal waits until the instance's proxy has gone (it lingers
/// for its grace period), in the background so tests do not wait for it; proxies still lingering when the test
/// process exits are stopped then and their files removed.
/// </summary>
internal static class InstanceFiles
{
    private static readonly TimeSpan ProxyExitBound = TimeSpan.FromSeconds(30);
    private static readonly ConcurrentDictionary<string, Task> Pending = new(StringComparer.Ordinal);

    // The test host is killed soon after its exit begins, too soon to wait for proxies still in their grace period:
    // stop those (found by their command line) and remove their files at once.
    static InstanceFiles() => AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAndRemovePending();

    /// <summary>Removes every file of <paramref name="instance"/> once no proxy of it runs (within 30 s; later, it leaves them).</summary>
    public static void RemoveWhenIdle(string instance, IpcBackend? backend = null)
    {
        var removal = RemoveWhenIdleAsync(instance, IpcBackendSelection.Resolve(backend));
        Pending[instance] = removal;
        _ = removal.ContinueWith(_ => Pending.TryRemove(instance, out var _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Removes every file of <paramref name="instance"/> now (its proxy and clients must have gone).</summary>
    public static void Remove(string instance, IpcBackend? backend = null)
    {
        var root = IpcPaths.RootDirectoryOf(IpcBackendSelection.Resolve(backend));
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(root, instance + ".*"))
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Best effort: `websocket-proxy clean --all` removes what is left.
            }
        }
    }

    private static void StopAndRemovePending()
    {
        var instances = Pending.Keys.ToList();
        if (instances.Count == 0 || !Directory.Exists("/proc"))
        {
            return;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
                var at = Array.IndexOf(arguments, "--instance");
                if (at >= 0 && at + 1 < arguments.Length && instances.Contains(arguments[at + 1], StringComparer.Ordinal)
                    && arguments.Any(a => a.Contains("websocket-proxy", StringComparison.Ordinal))
                    && int.TryParse(Path.GetFileName(directory), out var pid))
                {
                    using var proxy = System.Diagnostics.Process.GetProcessById(pid);
                    proxy.Kill();
                    proxy.WaitForExit(TimeSpan.FromSeconds(2));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone meanwhile, or not ours to read.
            }
        }

        foreach (var backend in Enum.GetValues<IpcBackend>())
        {
            instances.ForEach(instance => Remove(instance, backend));
        }
    }

    private static async Task RemoveWhenIdleAsync(string instance, IpcBackend backend)
    {
        using var timeout = new CancellationTokenSource(ProxyExitBound);
        try
        {
            await Lease.WaitForReleaseAsync(IpcPaths.ForUser(instance + ".proxy.lock", backend), TimeSpan.FromMilliseconds(100), cancellationToken: timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        Remove(instance, backend);
    }
}
