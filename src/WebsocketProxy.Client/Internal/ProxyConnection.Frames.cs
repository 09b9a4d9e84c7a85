using System.Threading.Channels;

namespace WebsocketProxy.Client.Internal;

internal sealed partial class ProxyConnection
{
    /// <summary>Takes the id the connection has on a new proxy.</summary>
    public void Rebind(long id) => Volatile.Write(ref _id, id);

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

    /// <summary>Hands a frame to every reader; the payload must already be a private copy.</summary>
    public void Deliver(ProxyFrame frame)
    {
        foreach (var reader in Volatile.Read(ref _readers))
        {
            reader.Write(frame);
        }

        if (frame.Kind == ProxyFrameKind.Closed)
        {
            MarkClosed();
        }
    }

    /// <summary>No more frames: completes every reader.</summary>
    public void MarkClosed()
    {
        FrameReader[] readers;
        lock (_gate)
        {
            _closed = true;
            readers = _readers;
            _readers = [];
        }

        foreach (var reader in readers)
        {
            reader.Complete();
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
