using WebsocketProxy.Client;

namespace WebsocketProxy.Streaming;

/// <summary>One router per connection and process, whatever the number of typed stream objects.</summary>
public sealed partial class StreamRouter
{
    private static readonly Lock RegistryLock = new();
    private static readonly Dictionary<IProxyConnection, ConnectionRouter> Routers = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Takes a lease on the router of <paramref name="connection"/>, starting it (and its frame reader)
    /// when this is the first lease. The options of the first lease apply to the router.
    /// </summary>
    /// <exception cref="InvalidOperationException">The connection's router dispatches another protocol.</exception>
    public static StreamRouter Acquire(IProxyConnection connection, StreamProtocol protocol, StreamOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(protocol);
        options ??= StreamOptions.Default;
        options.Validate();
        lock (RegistryLock)
        {
            if (Routers.TryGetValue(connection, out var existing))
            {
                if (!ReferenceEquals(existing.Protocol, protocol))
                {
                    throw new InvalidOperationException($"Connection {connection.Id} already carries {existing.Protocol.Name}; one connection has one protocol.");
                }

                existing.Leases++;
                return new StreamRouter(existing);
            }

            var core = new ConnectionRouter(connection, protocol, options) { Leases = 1 };
            Routers.Add(connection, core);
            core.Start();
            return new StreamRouter(core);
        }
    }

    private static async ValueTask ReleaseAsync(ConnectionRouter core)
    {
        lock (RegistryLock)
        {
            if (--core.Leases > 0)
            {
                return;
            }

            Routers.Remove(core.Connection);
        }

        await core.StopAsync().ConfigureAwait(false);
    }
}
