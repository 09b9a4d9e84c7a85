using System.Threading.Channels;

namespace WebsocketProxy.Client.Internal;

internal sealed partial class ConnectionHandle
{
    /// <summary>
    /// Posts this handle's subscriptions to a new proxy (one subscribe per template and count level), under the
    /// handle's lock: every later change of this handle is counted under it too, so it follows them in the ring
    /// and the proxy's count stays this handle's. Each template is registered on the new proxy before its first
    /// subscribe (once per connection, whichever handle comes first). Nothing for a handle that is closing.
    /// </summary>
    public void PostReplay(long id, List<Task<Protocol.Reply>> replies)
    {
        lock (_gate)
        {
            if (_closed || _closing)
            {
                return;
            }

            foreach (var (template, topics) in Batches())
            {
                var registration = _link.RegisterTemplate(template, _client.PostAsync);
                replies.Add(registration.Registered);
                replies.Add(_client.PostAsync(c => new Protocol.SubscriptionCommand(c, true, id, registration.Id, topics)));
            }
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
    /// keep frames beyond this call, get one copy between them (and the other handles' readers), made only if
    /// there is a reader.
    /// </summary>
    public void DeliverData(ReadOnlyMemory<byte> payload, System.Net.WebSockets.WebSocketMessageType messageType, ref ReadOnlyMemory<byte>? copy)
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
            copy ??= payload.ToArray();
            var frame = new ProxyFrame(ProxyFrameKind.Data, id, copy.Value, messageType);
            foreach (var reader in readers)
            {
                reader.Write(frame);
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
            reader.Complete(closed);
        }
    }

    private void Detach(FrameHandlerRegistration registration)
    {
        lock (_gate)
        {
            _handlers = [.. _handlers.Where(h => h != registration)];
        }
    }

    /// <summary>
    /// One reader's buffer. Only data frames are bounded: beyond the capacity they are dropped and counted, and
    /// the count is reported as a Gap before the next frame. Events (Gap, Error, Closed...) are always kept, so a
    /// reader that has fallen behind still learns how much it lost and why the connection ended.
    /// </summary>
    private sealed class FrameReader(int capacity)
    {
        private readonly Channel<ProxyFrame> _channel = System.Threading.Channels.Channel.CreateUnbounded<ProxyFrame>(
            new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

        private long _dropped;
        private int _buffered;
        private bool _ended;

        public ChannelReader<ProxyFrame> Reader => _channel.Reader;

        // The pump thread writes, and so do Close and recovery on other threads: serialise the drop accounting.
        public void Write(ProxyFrame frame)
        {
            lock (_channel)
            {
                if (_ended)
                {
                    return;
                }

                if (frame.Kind == ProxyFrameKind.Data && Volatile.Read(ref _buffered) >= capacity)
                {
                    _dropped++;
                    return;
                }

                FlushGap(frame.ConnectionId);
                if (frame.Kind == ProxyFrameKind.Data)
                {
                    Interlocked.Increment(ref _buffered);
                }

                _channel.Writer.TryWrite(frame);
                if (frame.Kind == ProxyFrameKind.Closed)
                {
                    _ended = true;
                    _channel.Writer.TryComplete();
                }
            }
        }

        /// <summary>The reader took a frame off the buffer.</summary>
        public void Taken(in ProxyFrame frame)
        {
            if (frame.Kind == ProxyFrameKind.Data)
            {
                Interlocked.Decrement(ref _buffered);
            }
        }

        /// <summary>No more frames: the reader gets the pending Gap and <paramref name="closed"/> unless it already had a Closed frame.</summary>
        public void Complete(ProxyFrame closed) => Write(closed);

        /// <summary>Ends the reader without a Closed frame (it stopped reading).</summary>
        public void Abandon()
        {
            lock (_channel)
            {
                _ended = true;
                _channel.Writer.TryComplete();
            }
        }

        private void FlushGap(long connectionId)
        {
            if (_dropped > 0)
            {
                _channel.Writer.TryWrite(new ProxyFrame(ProxyFrameKind.Gap, connectionId, ReadOnlyMemory<byte>.Empty, Message: "The reader fell behind; frames were dropped.", LostMessages: _dropped));
                _dropped = 0;
            }
        }
    }
}
