using System.Collections.Concurrent;

namespace WebsocketProxy.Client.Internal;

/// <summary>
/// One attached <see cref="ProxyFrameHandler"/>. Calls are serialised: data comes from the receive thread, while
/// closing and recovery deliver events from other threads. Those never wait for a call in progress (the handler
/// may itself be waiting for that close): they queue their event, and whoever holds the handler, or the next
/// thread to get it, delivers the queue. Nothing follows a <see cref="ProxyFrameKind.Closed"/> frame, a handler
/// is never re-entered, and once <see cref="Dispose"/> returns no call is in progress on another thread.
/// </summary>
internal sealed class FrameHandlerRegistration(ProxyFrameHandler handler, Action<Exception> onError, Action<FrameHandlerRegistration>? detach) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<ProxyFrame> _events = new();
    private bool _inCall;
    private volatile bool _done;

    /// <summary>Hands <paramref name="frame"/> to the handler; an exception it throws goes to the registration's error callback.</summary>
    public void Invoke(in ProxyFrame frame)
    {
        if (frame.Kind == ProxyFrameKind.Data)
        {
            // Only the receive thread delivers data, and its payload lives only during this call: wait for the gate.
            lock (_gate)
            {
                Call(frame);
            }
        }
        else
        {
            // Events carry no payload bytes, so they can wait in the queue.
            _events.Enqueue(frame);
        }

        Drain();
    }

    public void Dispose()
    {
        // Waits for a call in progress on another thread; the lock is re-entrant, so a handler that detaches
        // itself does not deadlock.
        lock (_gate)
        {
            _done = true;
        }

        detach?.Invoke(this);
    }

    private void Drain()
    {
        // Checked after every release: an event queued while another thread held the gate is delivered by that
        // thread here, or by the queuing thread once the gate is free.
        while (!_events.IsEmpty && _gate.TryEnter())
        {
            try
            {
                if (_inCall)
                {
                    // Re-entered from inside the handler (it closed its own connection): the outer call delivers.
                    return;
                }

                while (_events.TryDequeue(out var frame))
                {
                    Call(frame);
                }
            }
            finally
            {
                _gate.Exit();
            }
        }
    }

    private void Call(in ProxyFrame frame)
    {
        if (_done)
        {
            return;
        }

        _done = frame.Kind == ProxyFrameKind.Closed;
        _inCall = true;
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
        finally
        {
            _inCall = false;
        }

        if (_done)
        {
            detach?.Invoke(this);
        }
    }
}
