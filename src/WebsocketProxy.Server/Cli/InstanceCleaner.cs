using System.Globalization;
using WebsocketProxy.Ipc;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Server.Cli;

/// <summary>
/// Removes the files of proxy instances that nothing uses any more: the rings and leases of dead clients, temporary
/// <c>.new-*</c> rings of killed processes, and the lock files and broadcast ring of a proxy that is not running.
/// </summary>
/// <remarks>
/// A file is removed only while this process holds the lock that guards it, taken without waiting: the instance lock
/// for the proxy's files (so no proxy starts meanwhile), the client's lease for the client's rings. A lock file is
/// deleted while held; a process that opened it just before locks an unlinked inode, notices
/// (<see cref="Lease.TryAcquire"/> checks that the path still names its file) and opens the new one. Client files are
/// only touched once they are older than <see cref="MinimumAge"/>: a client creates its rings first and locks its
/// lease a moment later.
/// </remarks>
internal static class InstanceCleaner
{
    public static readonly TimeSpan MinimumAge = TimeSpan.FromSeconds(10);

    private const string ProxyLock = ".proxy.lock";
    private const string SpawnLock = ".spawn.lock";
    private const string BroadcastName = ".broadcast";
    private const string ClientInfix = ".client.";

    /// <summary>Cleans <paramref name="instance"/>, or every instance when it is null; reports each removed and kept file.</summary>
    public static void Clean(string? instance, TimeProvider time, Action<string> removed, Action<string, string> kept, IpcBackend? backend = null)
    {
        var chosen = IpcBackendSelection.Resolve(backend);
        var root = IpcPaths.EnsureRootDirectory(chosen);
        var files = Directory.EnumerateFiles(root).Select(Path.GetFileName).OfType<string>().ToList();
        var instances = instance is not null
            ? [ProxyNames.Validate(instance)]
            : files.Select(f => f.Split('.')[0]).Where(IsInstanceName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var name in instances)
        {
            CleanInstance(name, chosen, files.Where(f => f.StartsWith(name + ".", StringComparison.Ordinal)).ToList(), time, removed, kept);
        }
    }

    private static void CleanInstance(string instance, IpcBackend backend, List<string> files, TimeProvider time, Action<string> removed, Action<string, string> kept)
    {
        foreach (var group in files.Where(f => f.StartsWith(instance + ClientInfix, StringComparison.Ordinal))
                     .GroupBy(f => f[(instance.Length + ClientInfix.Length)..].Split('.')[0], StringComparer.Ordinal))
        {
            CleanClient(instance, backend, group.Key, [.. group], time, removed, kept);
        }

        var proxyFiles = files.Where(f => !f.StartsWith(instance + ClientInfix, StringComparison.Ordinal)).ToList();
        if (proxyFiles.Count == 0)
        {
            return;
        }

        if (!Lease.TryAcquire(ProxyNames.InstanceLease(instance, backend), out var instanceLock))
        {
            foreach (var file in proxyFiles)
            {
                kept(IpcPaths.ForUser(file, backend), "its proxy is running");
            }

            return;
        }

        using (instanceLock)
        {
            // The broadcast ring, its writer's lease and any temporary ring: the instance lock keeps a proxy from starting.
            foreach (var file in proxyFiles.Where(f => f.StartsWith(instance + BroadcastName, StringComparison.Ordinal)))
            {
                DeleteLockedOrFile(IpcPaths.ForUser(file, backend), removed, kept);
            }

            if (proxyFiles.Contains(instance + SpawnLock))
            {
                DeleteLockedOrFile(ProxyNames.SpawnLock(instance, backend), removed, kept);
            }

            foreach (var file in proxyFiles.Where(f => !IsKnownProxyFile(instance, f)))
            {
                kept(IpcPaths.ForUser(file, backend), "not a file websocket-proxy makes");
            }

            // Created by the TryAcquire above when it was missing: then it is not worth a line.
            Delete(instanceLock.Path, proxyFiles.Contains(instance + ProxyLock) ? removed : _ => { });
        }
    }

    private static void CleanClient(string instance, IpcBackend backend, string id, List<string> files, TimeProvider time, Action<string> removed, Action<string, string> kept)
    {
        var paths = files.Select(f => IpcPaths.ForUser(f, backend)).ToList();
        if (!long.TryParse(id, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var clientId))
        {
            paths.ForEach(p => kept(p, "not a file websocket-proxy makes"));
            return;
        }

        var leasePath = ProxyNames.ClientLease(instance, clientId, backend);
        // A client creates its rings, then its lease file, then locks it: a young client may be in that window, where
        // taking its lease would make its registration fail. A client that just left is cleaned by the proxy anyway.
        if (paths.Any(p => time.GetUtcNow() - File.GetLastWriteTimeUtc(p) < MinimumAge))
        {
            paths.ForEach(p => kept(p, "too recent (a client may be registering)"));
            return;
        }

        if (!Lease.TryAcquire(leasePath, out var lease))
        {
            paths.ForEach(p => kept(p, "its client is alive"));
            return;
        }

        using (lease)
        {
            foreach (var path in paths.Where(p => p != leasePath))
            {
                Delete(path, removed);
            }

            Delete(leasePath, files.Contains(Path.GetFileName(leasePath)) ? removed : _ => { });
        }
    }

    /// <summary>Deletes a lease file while holding it, or another file at once.</summary>
    private static void DeleteLockedOrFile(string path, Action<string> removed, Action<string, string> kept)
    {
        if (!path.EndsWith(".lock", StringComparison.Ordinal) && !path.EndsWith(ProxyNames.LeaseSuffix, StringComparison.Ordinal))
        {
            Delete(path, removed);
            return;
        }

        if (!Lease.TryAcquire(path, out var lease))
        {
            kept(path, "held by a live process");
            return;
        }

        using (lease)
        {
            Delete(path, removed);
        }
    }

    private static void Delete(string path, Action<string> removed)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
            removed(path);
        }
    }

    private static bool IsKnownProxyFile(string instance, string file) =>
        file == instance + ProxyLock || file == instance + SpawnLock || file.StartsWith(instance + BroadcastName, StringComparison.Ordinal);

    private static bool IsInstanceName(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
