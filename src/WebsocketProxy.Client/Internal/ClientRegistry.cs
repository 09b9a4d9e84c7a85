namespace WebsocketProxy.Client.Internal;

/// <summary>
/// The process's <see cref="ProxyClientCore"/> per proxy instance. <see cref="WebsocketProxyClient.ConnectAsync(WebsocketProxyClientOptions, CancellationToken)"/>
/// takes a use of it (creating and registering it when the process has none), and disposing the client gives the
/// use back; the last use disposes the core. Clients that arrive while it registers wait for that registration.
/// </summary>
internal static class ClientRegistry
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, ProxyClientCore> Cores = new(StringComparer.Ordinal);

    /// <summary>A use of the instance's core, registered with the proxy.</summary>
    /// <param name="options">The client's options; the instance-wide ones must agree with the core's.</param>
    /// <param name="starter">Starts a proxy (tests); only the first client's counts.</param>
    /// <param name="isolated">A core of its own, outside the registry: tests that play several processes in one.</param>
    /// <param name="cancellationToken">Stops this client's wait; the registration goes on for the others.</param>
    /// <exception cref="ArgumentException">The instance-wide settings differ from those of the core in use.</exception>
    public static async Task<ProxyClientCore> AcquireAsync(WebsocketProxyClientOptions options, Action<WebsocketProxyClientOptions>? starter, bool isolated, CancellationToken cancellationToken)
    {
        ProxyClientCore core;
        lock (Gate)
        {
            if (isolated || !Cores.TryGetValue(options.Instance, out core!) || core.Started.IsFaulted || core.Started.IsCanceled)
            {
                // A core whose registration failed is left to its waiters: the next client tries afresh.
                core = new ProxyClientCore(options, starter);
                core.Start();
                if (!isolated)
                {
                    Cores[options.Instance] = core;
                }
            }
            else if (core.Incompatibility(options) is { } differences)
            {
                throw new ArgumentException(
                    $"This process already has a WebsocketProxyClient of instance '{options.Instance}', and every client of one instance in a " +
                    $"process shares its registration with the proxy, so these settings must agree with the first client's: {differences}.",
                    nameof(options));
            }

            core.Users++;
        }

        try
        {
            await core.Started.WaitAsync(cancellationToken).ConfigureAwait(false);
            return core;
        }
        catch
        {
            if (Release(core))
            {
                await core.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>Gives a use back; <see langword="true"/> when it was the last (the caller disposes the core).</summary>
    public static bool Release(ProxyClientCore core)
    {
        lock (Gate)
        {
            if (--core.Users > 0)
            {
                return false;
            }

            if (Cores.TryGetValue(core.Options.Instance, out var current) && current == core)
            {
                Cores.Remove(core.Options.Instance);
            }

            return true;
        }
    }

    /// <summary>Gives the use back only when it is the last one; <see langword="true"/> then.</summary>
    public static bool TryReleaseLast(ProxyClientCore core)
    {
        lock (Gate)
        {
            return core.Users == 1 && Release(core);
        }
    }
}
