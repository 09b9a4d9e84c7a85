using WebsocketProxy.Client;

namespace WebsocketProxy.Streaming;

/// <summary>One session per connection and process, whatever the number of typed stream objects.</summary>
public sealed partial class StreamSession
{
    private static readonly Lock RegistryLock = new();
    private static readonly Dictionary<IProxyConnection, SessionCore> Sessions = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Takes a lease on the session of <paramref name="connection"/>, starting it (and its frame reader)
    /// when this is the first lease. The options of the first lease apply to the session.
    /// </summary>
    /// <exception cref="InvalidOperationException">The connection's session dispatches another protocol.</exception>
    public static StreamSession Acquire(IProxyConnection connection, StreamProtocol protocol, StreamOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(protocol);
        options ??= StreamOptions.Default;
        options.Validate();
        lock (RegistryLock)
        {
            if (Sessions.TryGetValue(connection, out var existing))
            {
                if (!ReferenceEquals(existing.Protocol, protocol))
                {
                    throw new InvalidOperationException($"Connection {connection.Id} already carries {existing.Protocol.Name}; one connection has one protocol.");
                }

                existing.Leases++;
                return new StreamSession(existing);
            }

            var core = new SessionCore(connection, protocol, options) { Leases = 1 };
            Sessions.Add(connection, core);
            core.Start();
            return new StreamSession(core);
        }
    }

    private static async ValueTask ReleaseAsync(SessionCore core)
    {
        lock (RegistryLock)
        {
            if (--core.Leases > 0)
            {
                return;
            }

            Sessions.Remove(core.Connection);
        }

        await core.StopAsync().ConfigureAwait(false);
    }
}
