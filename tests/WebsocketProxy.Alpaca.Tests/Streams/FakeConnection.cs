using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using WebsocketProxy.Client;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Alpaca.Tests.Streams;

/// <summary>
/// A unit seam for the proxy connection (the proxy is not under test here): frames pushed by the test come
/// out of <see cref="ReadFramesAsync"/>; subscribe, unsubscribe and raw sends are recorded in order. It counts holders
/// per (group, topic) the way the client's handle and the proxy do together, and records a subscribe only of topics
/// nobody held, an unsubscribe only of topics nobody holds any more (what would go upstream).
/// </summary>
internal sealed class FakeConnection : IProxyConnection
{
    private readonly Channel<ProxyFrame> _frames = Channel.CreateUnbounded<ProxyFrame>();
    private readonly Channel<string> _calls = Channel.CreateUnbounded<string>();
    private readonly HolderCounts _holders = new();

    public long Id => 1;

    public bool IsNew => true;

    public Uri Url { get; } = new("wss://upstream.invalid/v2/iex");

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, WebSocketMessageType messageType = WebSocketMessageType.Text, CancellationToken cancellationToken = default)
    {
        _calls.Writer.TryWrite("send " + Encoding.UTF8.GetString(message.Span));
        return ValueTask.CompletedTask;
    }

    public ValueTask SubscribeAsync(SubscriptionTemplate template, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default)
    {
        Count(true, template.Group, topics);
        return ValueTask.CompletedTask;
    }

    public ValueTask UnsubscribeAsync(SubscriptionTemplate template, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default)
    {
        Count(false, template.Group, topics);
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
                _calls.Writer.TryWrite($"{(subscribe ? "subscribe" : "unsubscribe")} {group} {string.Join(',', changed)}");
            }
        }
    }

    public IAsyncEnumerable<ProxyFrame> ReadFramesAsync(CancellationToken cancellationToken = default) => _frames.Reader.ReadAllAsync(cancellationToken);

    public void Push(string json) => Push(Encoding.UTF8.GetBytes(json));

    /// <summary>Pushes a text frame as raw bytes, which need not be valid UTF-8.</summary>
    public void Push(byte[] payload) => _frames.Writer.TryWrite(new ProxyFrame(ProxyFrameKind.Data, Id, payload));

    /// <summary>A binary frame, as a MessagePack connection delivers it.</summary>
    public void PushBinary(byte[] payload) => _frames.Writer.TryWrite(new ProxyFrame(ProxyFrameKind.Data, Id, payload, WebSocketMessageType.Binary));

    public async Task<string> NextCallAsync() => await _calls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public ValueTask DisposeAsync()
    {
        _frames.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
