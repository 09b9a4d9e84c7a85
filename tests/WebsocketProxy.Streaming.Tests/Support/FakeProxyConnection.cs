using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using WebsocketProxy.Client;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Streaming.Tests.Support;

/// <summary>
/// A unit seam standing in for the proxy connection (the proxy is not under test here): frames pushed by
/// the test come out of <see cref="ReadFramesAsync"/>. It counts holders per (group, topic) the way the client's
/// handle and the proxy do together, and records what would go upstream: a subscribe only of topics nobody held,
/// an unsubscribe only of topics nobody holds any more (topics not held are ignored).
/// </summary>
internal sealed class FakeProxyConnection : IProxyConnection
{
    private static long _nextId;
    private readonly Channel<ProxyFrame> _frames = Channel.CreateUnbounded<ProxyFrame>();
    private readonly Channel<(bool Subscribe, string Group, string[] Topics)> _calls = Channel.CreateUnbounded<(bool, string, string[])>();
    private readonly HolderCounts _holders = new();
    private int _readers;

    public long Id { get; } = Interlocked.Increment(ref _nextId);

    public bool IsNew => true;

    public Uri Url { get; } = new("wss://upstream.invalid/stream");

    public ConcurrentQueue<(bool Subscribe, string Group, string[] Topics)> Calls { get; } = new();

    public int Readers => Volatile.Read(ref _readers);

    /// <summary>How many holders <paramref name="topic"/> of <paramref name="group"/> has (the ledger the real handle keeps).</summary>
    public int HolderCount(string group, string topic)
        => _holders.Count(group, topic);

    /// <summary>When set, runs inside SubscribeAsync (to fail it or hold it).</summary>
    public Func<SubscriptionTemplate, IReadOnlyCollection<string>, CancellationToken, ValueTask>? OnSubscribe { get; set; }

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, WebSocketMessageType messageType = WebSocketMessageType.Text, CancellationToken cancellationToken = default)
        => ValueTask.CompletedTask;

    public async ValueTask SubscribeAsync(SubscriptionTemplate template, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default)
    {
        if (OnSubscribe is { } hook)
        {
            await hook(template, topics, cancellationToken);
        }

        Count(true, template.Group, topics);
    }

    public ValueTask UnsubscribeAsync(SubscriptionTemplate template, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default)
    {
        Count(false, template.Group, topics);
        return ValueTask.CompletedTask;
    }

    public async IAsyncEnumerable<ProxyFrame> ReadFramesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _readers);
        await foreach (var frame in _frames.Reader.ReadAllAsync(cancellationToken))
        {
            yield return frame;
        }
    }

    public void Push(string json) => Push(new ProxyFrame(ProxyFrameKind.Data, Id, Encoding.UTF8.GetBytes(json)));

    public void Push(ProxyFrame frame) => _frames.Writer.TryWrite(frame);

    /// <summary>Waits for the next subscribe or unsubscribe call.</summary>
    public async Task<(bool Subscribe, string Group, string[] Topics)> NextCallAsync()
        => await _calls.Reader.ReadAsync().AsTask().WaitAsync(Timeouts.Wait);

    public ValueTask DisposeAsync()
    {
        _frames.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    private void Count(bool subscribe, string group, IReadOnlyCollection<string> topics)
    {
        // Recorded under one lock with the count, so the calls come out in the order they were counted.
        lock (_holders)
        {
            var changed = _holders.Change(subscribe, group, topics);
            if (changed.Length > 0)
            {
                var call = (subscribe, group, changed);
                Calls.Enqueue(call);
                _calls.Writer.TryWrite(call);
            }
        }
    }
}
