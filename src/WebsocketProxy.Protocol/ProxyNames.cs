using System.Globalization;
using WebsocketProxy.Ipc;

namespace WebsocketProxy.Protocol;

/// <summary>
/// Names of the files one proxy instance and its clients share, all in the user's private directory of the IPC back-end
/// (<see cref="IpcPaths.RootDirectoryOf"/>; <see cref="IpcBackendSelection.Default"/> when none is given), and all starting with <c>&lt;instance&gt;.</c> (an instance name holds no '.'). A client owns
/// <c>&lt;instance&gt;.client.&lt;id&gt;.{requests,replies,lease}</c>; the lease is created last, so a held lease means
/// the rings are complete.
/// </summary>
public static class ProxyNames
{
    /// <summary>The suffix of a client's lease file.</summary>
    public const string LeaseSuffix = ".lease";

    /// <summary>The lock the running proxy of <paramref name="instance"/> holds for its lifetime.</summary>
    /// <param name="instance">The instance name.</param>
    /// <param name="backend">The IPC back-end the proxy and its clients use; <see cref="IpcBackendSelection.Default"/> when null.</param>
    /// <returns>The file's path.</returns>
    public static string InstanceLease(string instance, IpcBackend? backend = null) => IpcPaths.ForUser(Validate(instance) + ".proxy.lock", IpcBackendSelection.Resolve(backend));

    /// <summary>The lock a client holds while it starts a proxy, so that only one client starts one.</summary>
    /// <param name="instance">The instance name.</param>
    /// <param name="backend">The IPC back-end the proxy and its clients use; <see cref="IpcBackendSelection.Default"/> when null.</param>
    /// <returns>The file's path.</returns>
    public static string SpawnLock(string instance, IpcBackend? backend = null) => IpcPaths.ForUser(Validate(instance) + ".spawn.lock", IpcBackendSelection.Resolve(backend));

    /// <summary>The broadcast ring the proxy writes and every client reads.</summary>
    /// <param name="instance">The instance name.</param>
    /// <param name="backend">The IPC back-end the proxy and its clients use; <see cref="IpcBackendSelection.Default"/> when null.</param>
    /// <returns>The file's path.</returns>
    public static string Broadcast(string instance, IpcBackend? backend = null) => IpcPaths.ForUser(Validate(instance) + ".broadcast", IpcBackendSelection.Resolve(backend));

    /// <summary>The file-name prefix of every client file of <paramref name="instance"/>.</summary>
    /// <param name="instance">The instance name.</param>
    /// <returns>The prefix (a file name, not a path).</returns>
    public static string ClientPrefix(string instance) => Validate(instance) + ".client.";

    /// <summary>The ring a client writes its commands to.</summary>
    /// <param name="instance">The instance name.</param>
    /// <param name="clientId">The registration's id.</param>
    /// <param name="backend">The IPC back-end the proxy and its clients use; <see cref="IpcBackendSelection.Default"/> when null.</param>
    /// <returns>The file's path.</returns>
    public static string ClientRequests(string instance, long clientId, IpcBackend? backend = null) => ClientFile(instance, clientId, ".requests", backend);

    /// <summary>The ring the proxy writes a client's replies to.</summary>
    /// <param name="instance">The instance name.</param>
    /// <param name="clientId">The registration's id.</param>
    /// <param name="backend">The IPC back-end the proxy and its clients use; <see cref="IpcBackendSelection.Default"/> when null.</param>
    /// <returns>The file's path.</returns>
    public static string ClientReplies(string instance, long clientId, IpcBackend? backend = null) => ClientFile(instance, clientId, ".replies", backend);

    /// <summary>The lock a client holds while it lives; created after its rings.</summary>
    /// <param name="instance">The instance name.</param>
    /// <param name="clientId">The registration's id.</param>
    /// <param name="backend">The IPC back-end the proxy and its clients use; <see cref="IpcBackendSelection.Default"/> when null.</param>
    /// <returns>The file's path.</returns>
    public static string ClientLease(string instance, long clientId, IpcBackend? backend = null) => ClientFile(instance, clientId, LeaseSuffix, backend);

    /// <summary>Reads the client id out of a lease file name, or returns <see langword="false"/>.</summary>
    /// <param name="instance">The instance name.</param>
    /// <param name="fileName">A file name (not a path).</param>
    /// <param name="clientId">The registration's id.</param>
    /// <returns>Whether <paramref name="fileName"/> is a client lease of <paramref name="instance"/>.</returns>
    public static bool TryParseClientLease(string instance, string fileName, out long clientId)
    {
        clientId = 0;
        var prefix = ClientPrefix(instance);
        return fileName.StartsWith(prefix, StringComparison.Ordinal)
            && fileName.EndsWith(LeaseSuffix, StringComparison.Ordinal)
            && long.TryParse(fileName.AsSpan(prefix.Length, fileName.Length - prefix.Length - LeaseSuffix.Length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out clientId);
    }

    /// <summary>Checks an instance name: letters, digits, '_' and '-' only.</summary>
    /// <param name="instance">The instance name.</param>
    /// <returns><paramref name="instance"/>.</returns>
    /// <exception cref="ArgumentException">The name is empty or holds another character.</exception>
    public static string Validate(string instance)
    {
        ArgumentException.ThrowIfNullOrEmpty(instance);
        foreach (var c in instance)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
            {
                throw new ArgumentException($"An instance name may hold only letters, digits, '_' and '-'; '{instance}' has '{c}'.", nameof(instance));
            }
        }

        return instance;
    }

    private static string ClientFile(string instance, long clientId, string suffix, IpcBackend? backend) =>
        IpcPaths.ForUser(string.Create(CultureInfo.InvariantCulture, $"{Validate(instance)}.client.{clientId:x16}{suffix}"), IpcBackendSelection.Resolve(backend));
}
