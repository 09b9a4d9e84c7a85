using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client.Internal;

internal sealed partial class ProxyClientCore
{
    /// <summary>
    /// Opens the upstream connection for <paramref name="owner"/>, or joins it when this process or another already
    /// has it open: one handle per call, on the one link this process has per connection id.
    /// </summary>
    public async Task<ConnectionHandle> OpenAsync(WebsocketProxyClient owner, ProxyConnectionOptions options, CancellationToken cancellationToken)
    {
        // While the proxy is being replaced, the new one gets this process's connections back first.
        await WaitForRecoveryAsync(owner.Options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        var open = new PendingOpen(owner, options);
        lock (_linksGate)
        {
            // Counted and posted under the lock that posts CloseCommands: while an open is in flight no
            // CloseCommand is sent, so the proxy never releases a hold that the open's reply is about to use.
            _opensInFlight++;
            open.Completion = CompleteOpenAsync(open, PostAsync(c => new OpenCommand(c, options)));
        }

        try
        {
            return (await open.Completion.WaitAsync(owner.Options.RequestTimeout, Options.TimeProvider, cancellationToken).ConfigureAwait(false))!;
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            // The proxy may still open it: the late reply releases what nobody took.
            ConnectionHandle? late;
            lock (_linksGate)
            {
                open.Abandoned = true;
                late = open.Handle;
            }

            if (late is not null)
            {
                await CloseHandleAsync(late).ConfigureAwait(false);
            }

            if (ex is TimeoutException)
            {
                throw new WebsocketProxyException($"The proxy did not answer within {owner.Options.RequestTimeout.TotalSeconds:0.#} s.", ex);
            }

            throw;
        }
    }

    /// <summary>Opens on the proxy for recovery, which rebinds an existing link to the new id.</summary>
    private async Task<(long Id, bool IsNew)> OpenOnProxyAsync(ProxyConnectionOptions options, CancellationToken cancellationToken)
    {
        // Waits for the proxy's answer, which its own connect and readiness timeouts bound: giving up sooner would
        // leave the hold its late reply takes on the proxy for the life of this process's registration.
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        var reply = await Volatile.Read(ref _registration).RequestAsync(c => new OpenCommand(c, options, Restoring: true), Options.RequestTimeout + OpenReplyAllowance, cancellationToken).ConfigureAwait(false);
        return ReadOpened(reply);
    }
}
