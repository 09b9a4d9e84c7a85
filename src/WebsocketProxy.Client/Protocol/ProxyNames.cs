using System.Globalization;
using WebsocketProxy.Ipc;

namespace WebsocketProxy.Client.Protocol;

/// <summary>
/// Names of the files one proxy instance and its clients share, all in the user's private <see cref="IpcPaths.RootDirectory"/>
/// and all starting with <c>&lt;instance&gt;.</c> (an instance name holds no '.'). A client owns
/// <c>&lt;instance&gt;.client.&lt;id&gt;.{requests,replies,lease}</c>; the lease is created last, so a held lease means
/// the rings are complete.
/// </summary>
internal static class ProxyNames
{
    public const string LeaseSuffix = ".lease";

    public static string InstanceLease(string instance) => IpcPaths.ForUser(Validate(instance) + ".proxy.lock");

    public static string SpawnLock(string instance) => IpcPaths.ForUser(Validate(instance) + ".spawn.lock");

    public static string Broadcast(string instance) => IpcPaths.ForUser(Validate(instance) + ".broadcast");

    /// <summary>The file-name prefix of every client file of <paramref name="instance"/>.</summary>
    public static string ClientPrefix(string instance) => Validate(instance) + ".client.";

    public static string ClientRequests(string instance, long clientId) => ClientFile(instance, clientId, ".requests");

    public static string ClientReplies(string instance, long clientId) => ClientFile(instance, clientId, ".replies");

    public static string ClientLease(string instance, long clientId) => ClientFile(instance, clientId, LeaseSuffix);

    /// <summary>Reads the client id out of a lease file name, or returns <see langword="false"/>.</summary>
    public static bool TryParseClientLease(string instance, string fileName, out long clientId)
    {
        clientId = 0;
        var prefix = ClientPrefix(instance);
        return fileName.StartsWith(prefix, StringComparison.Ordinal)
            && fileName.EndsWith(LeaseSuffix, StringComparison.Ordinal)
            && long.TryParse(fileName.AsSpan(prefix.Length, fileName.Length - prefix.Length - LeaseSuffix.Length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out clientId);
    }

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

    private static string ClientFile(string instance, long clientId, string suffix) =>
        IpcPaths.ForUser(string.Create(CultureInfo.InvariantCulture, $"{Validate(instance)}.client.{clientId:x16}{suffix}"));
}
