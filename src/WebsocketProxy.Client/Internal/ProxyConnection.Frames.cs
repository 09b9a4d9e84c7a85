using System.Threading.Channels;

namespace WebsocketProxy.Client.Internal;

internal sealed partial class ProxyConnection
{
    /// <summary>Takes the id the connection has on a new proxy.</summary>
    public void Rebind(long id)
    {
        Volatile.Write(ref _id, id);
        _unbound = false;
    }

    /// <summary>The proxy went away: the id is stale until <see cref="Rebind"/>, and commands on it fail.</summary>
    public void Unbind() => _unbound = true;

    /// <summary>The id to put in a command: throws while the connection is being restored on a new proxy.</summary>
    private long BoundId => _unbound
        ? throw new WebsocketProxyException($"Connection {Id} is being restored on a new proxy; retry after its Reconnected frame.")
        : Id;

    /// <summary>The subscriptions to replay on a new proxy: one batch per template and count level.</summary>
    public List<(SubscriptionTemplate Template, string[] Topics)> SubscriptionBatches()
    {
        lock (_gate)
        {
            var batches = new List<(SubscriptionTemplate, string[])>();
            foreach (var (template, counts) in _subscriptions)
            {
                var max = counts.Count == 0 ? 0 : counts.Values.Max();
                for (var level = 1; level <= max; level++)
                {
                    batches.Add((template, [.. counts.Where(c => c.Value >= level).Select(c => c.Key)]));
                }
            }

            return batches;
        }
    }

    public IDisposable AttachFrameHandler(ProxyFrameHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var registration = new FrameHandlerRegistration(handler, _client.LogHandlerFailure, Detach);
        lock (_gate)
        {
            if (!_closed)
            {
                _handlers = [.. _handlers, registration];
                return registration;
            }
        }

        registration.Invoke(new ProxyFrame(ProxyFrameKind.Closed, Id, ReadOnlyMemory<byte>.Empty, Message: "The connection is closed."));
        return registration;
    }

    /// <summary>
    /// An upstream message, straight from the receive buffer: handlers see those bytes; channel readers, which
    /// keep frames beyond this call, get one copy between them, made only if there is a reader.
    /// </summary>
    public void DeliverData(ReadOnlyMemory<byte> payload, System.Net.WebSockets.WebSocketMessageType messageType)
    {
        var id = Id;
        var handlers = Volatile.Read(ref _handlers);
        if (handlers.Length > 0)
        {
            var frame = new ProxyFrame(ProxyFrameKind.Data, id, payload, messageType);
            foreach (var handler in handlers)
            {
                handler.Invoke(frame);
            }
        }

        var readers = Volatile.Read(ref _readers);
        if (readers.Length > 0)
        {
            var copy = new ProxyFrame(ProxyFrameKind.Data, id, payload.ToArray(), messageType);
            foreach (var reader in readers)
            {
                reader.Write(copy);
            }
        }
    }

    /// <summary>Hands an event to every handler and reader.</summary>
    public void Deliver(ProxyFrame frame)
    {
        foreach (var handler in Volatile.Read(ref _handlers))
        {
            handler.Invoke(frame);
        }

        foreach (var reader in Volatile.Read(ref _readers))
        {
            reader.Write(frame);
        }

        if (frame.Kind == ProxyFrameKind.Closed)
        {
            MarkClosed();
        }
    }

    /// <summary>No more frames: completes every reader, and tells every handler that has not heard it yet.</summary>
    public void MarkClosed()
    {
        FrameReader[] readers;
        FrameHandlerRegistration[] handlers;
        lock (_gate)
        {
            _closed = true;
            readers = _readers;
            _readers = [];
            handlers = _handlers;
            _handlers = [];
        }

        var closed = new ProxyFrame(ProxyFrameKind.Closed, Id, ReadOnlyMemory<byte>.Empty, Message: "The client closed the connection.");
        foreach (var handler in handlers)
        {
            handler.Invoke(closed);
        }

        foreach (var reader in readers)
        {
            reader.Complete();
        }
    }

    private void Detach(FrameHandlerRegistration registration)
    {
        lock (_gate)
        {
            _handlers = [.. _handlers.Where(h => h != registration)];
        }
    }

    /// <summary>One reader's bounded buffer; when full, frames are dropped and counted, then reported as a Gap.</summary>
    private sealed class FrameReader(int capacity)
    {
        private long _dropped;

        public Channel<ProxyFrame> Channel { get; } = System.Threading.Channels.Channel.CreateBounded<ProxyFrame>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleWriter = false });

        // The pump thread writes, and so do Close and recovery on other threads: serialise the drop accounting.
        public void Write(ProxyFrame frame)
        {
            lock (Channel)
            {
                WriteLocked(frame);
            }
        }

        private void WriteLocked(ProxyFrame frame)
        {
            if (_dropped > 0 && Channel.Writer.TryWrite(new ProxyFrame(ProxyFrameKind.Gap, frame.ConnectionId, ReadOnlyMemory<byte>.Empty, Message: "The reader fell behind; frames were dropped.", LostMessages: _dropped)))
            {
                _dropped = 0;
            }

            if (_dropped > 0 || !Channel.Writer.TryWrite(frame))
            {
                _dropped++;
            }
        }

        public void Complete() => Channel.Writer.TryComplete();
    }
}
