namespace WebsocketProxy.Client.Internal;

/// <summary>
/// One attached <see cref="ProxyFrameHandler"/>: calls are serialised (the receive thread, closing and recovery
/// may deliver at once), nothing follows a <see cref="ProxyFrameKind.Closed"/> frame, and once disposed no call
/// is in progress or will start.
/// </summary>
internal sealed class FrameHandlerRegistration(ProxyFrameHandler handler, Action<FrameHandlerRegistration>? detach) : IDisposable
{
    private readonly Lock _gate = new();
    private bool _done;

    /// <summary><see langword="false"/> once the handler has seen Closed or was detached.</summary>
    public bool IsActive => !Volatile.Read(ref _done);

    /// <summary>Hands <paramref name="frame"/> to the handler; an exception it throws is passed to <paramref name="onError"/>.</summary>
    public void Invoke(in ProxyFrame frame, Action<Exception> onError)
    {
        lock (_gate)
        {
            if (_done)
            {
                return;
            }

            _done = frame.Kind == ProxyFrameKind.Closed;
            try
            {
                handler(frame);
            }
#pragma warning disable CA1031 // Whatever an application handler throws, the receive thread goes on for everyone else.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                onError(ex);
            }
        }

        if (_done)
        {
            detach?.Invoke(this);
        }
    }

    public void Dispose()
    {
        // Taking the lock waits for a call in progress on another thread (the lock is re-entrant, so a handler
        // that detaches itself does not deadlock).
        lock (_gate)
        {
            _done = true;
        }

        detach?.Invoke(this);
    }
}
