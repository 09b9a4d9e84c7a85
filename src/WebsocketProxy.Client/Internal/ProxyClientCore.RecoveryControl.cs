using Microsoft.Extensions.Logging;

namespace WebsocketProxy.Client.Internal;

/// <summary>
/// Keeps recovery going whatever happens during it: one recovery at a time, always finished (the flag is reset
/// in a finally), and started again when the proxy it recovered onto died meanwhile.
/// </summary>
internal sealed partial class ProxyClientCore
{
    // Connections that a recovery could not restore because the proxy it was restoring them onto died too:
    // the next recovery restores them with the others.
    private readonly List<ConnectionLink> _deferred = [];

    // Completed while no recovery runs. Opens wait for it: an open made while recovery restores the same
    // connection would get the id the reopen is about to claim, and one of the two links would be lost.
    private TaskCompletionSource _recovered = CompletedRecovery();

    /// <summary>The pump of <paramref name="registration"/> saw its proxy go away.</summary>
    private void TriggerRecovery(ProxyRegistration registration, string reason)
    {
        // Marked first: whichever recovery runs, or the one finishing now, sees that this registration is dead.
        registration.MarkLost(reason);
        if (_disposed != 0)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _recovering, 1, 0) == 0)
        {
            Volatile.Write(ref _recovered, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            _ = Task.Run(() => RecoverUnlessDisposedAsync(registration, reason));
        }
        else
        {
            // A recovery is running, and this is the registration it is restoring connections onto (or an older one):
            // fail its requests now so the reopen loop stops waiting; that recovery starts another when it ends.
            registration.Fail(new WebsocketProxyException($"The proxy went away ({reason}); the client is reconnecting."));
        }
    }

    private async Task RecoverUnlessDisposedAsync(ProxyRegistration registration, string reason)
    {
        try
        {
            await RecoverAsync(registration, reason).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException && _disposed != 0)
        {
            // The application disposed the client while it was recovering.
        }
#pragma warning disable CA1031 // Recovery runs detached: whatever fails is logged, and the next round still comes.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log(LogLevel.Error, "Recovering from the loss of the proxy failed, retrying: " + ex);
            try
            {
                // Whatever failed may fail again at once: the next round waits a little.
                await Task.Delay(TimeSpan.FromMilliseconds(500), Options.TimeProvider, _lifetime.Token).ConfigureAwait(false);
            }
            catch (Exception delay) when (delay is OperationCanceledException or ObjectDisposedException)
            {
                // Disposed meanwhile: no next round.
            }
        }
        finally
        {
            // A full fence before reading the registration's state, paired with TriggerRecovery's MarkLost and
            // CompareExchange: a pump that lost the race to this recovery is seen here, or wins the next one.
            var finished = Volatile.Read(ref _recovered);
            Interlocked.Exchange(ref _recovering, 0);
            var current = Volatile.Read(ref _registration);
            if (_disposed == 0 && current.LostReason is { } lost)
            {
                Log(LogLevel.Warning, $"The proxy went away again during recovery ({lost}); recovering again.");
                TriggerRecovery(current, lost);
            }

            // Opens waiting for this round go on, or wait for the next one if it started.
            finished.TrySetResult();
        }
    }

    /// <summary>Whether a recovery is restoring this process's connections on a new proxy.</summary>
    public bool IsRecovering => Volatile.Read(ref _recovering) != 0;

    /// <summary>Waits until no recovery is restoring connections, within <paramref name="timeout"/>.</summary>
    private async Task WaitForRecoveryAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var time = Options.TimeProvider;
        var started = time.GetTimestamp();
        for (var round = Volatile.Read(ref _recovered); !round.Task.IsCompleted && _disposed == 0; round = Volatile.Read(ref _recovered))
        {
            var left = timeout - time.GetElapsedTime(started);
            try
            {
                await round.Task.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException ex)
            {
                throw new WebsocketProxyException($"The client is still reconnecting to the proxy after {timeout.TotalSeconds:0.#} s.", ex);
            }
        }
    }

    private static TaskCompletionSource CompletedRecovery()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    /// <summary>Connections a recovery left to the next one, taken for restoring (or closing).</summary>
    private ConnectionLink[] TakeDeferred()
    {
        lock (_deferred)
        {
            ConnectionLink[] taken = [.. _deferred];
            _deferred.Clear();
            return taken;
        }
    }

    private void Defer(IEnumerable<ConnectionLink> connections)
    {
        lock (_deferred)
        {
            _deferred.AddRange(connections);
        }

        if (_disposed != 0)
        {
            // DisposeAsync may have closed the deferred list before these joined it.
            foreach (var connection in TakeDeferred())
            {
                connection.MarkClosed();
            }
        }
    }

    /// <summary>
    /// Application callbacks (of the clients holding a connection, or of every client): what one throws is logged,
    /// and the others, the frame thread and recovery go on.
    /// </summary>
    private void Notify(IWebsocketProxyCallback[] callbacks, Action<IWebsocketProxyCallback> invoke, string what)
    {
        foreach (var callback in callbacks)
        {
            try
            {
                invoke(callback);
            }
#pragma warning disable CA1031 // Application callbacks may throw anything; recovery must not stop for it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log(LogLevel.Error, $"A callback threw while handling {what}: " + ex);
            }
        }
    }
}
