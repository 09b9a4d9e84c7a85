using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using WebsocketProxy.Client;

namespace WebsocketProxy.Generators.Tests.Support;

/// <summary>A unit seam for the proxy: on the first subscribe it emits the scripted frames, so data follows the subscription deterministically.</summary>
internal sealed class ScriptedConnection(params string[] frames) : IProxyConnection
{
    private readonly Channel<ProxyFrame> _frames = Channel.CreateUnbounded<ProxyFrame>();

    public long Id => 1;

    public bool IsNew => true;

    public Uri Url { get; } = new("wss://upstream.invalid/");

    public List<string> Calls { get; } = [];

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, WebSocketMessageType messageType = WebSocketMessageType.Text, CancellationToken cancellationToken = default)
        => ValueTask.CompletedTask;

    public ValueTask SubscribeAsync(SubscriptionTemplate template, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default)
    {
        lock (Calls)
        {
            Calls.Add($"+{template.Group}:{string.Join(",", topics)}");
        }

        foreach (var frame in frames)
        {
            _frames.Writer.TryWrite(new ProxyFrame(ProxyFrameKind.Data, Id, Encoding.UTF8.GetBytes(frame)));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask UnsubscribeAsync(SubscriptionTemplate template, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default)
    {
        lock (Calls)
        {
            Calls.Add($"-{template.Group}:{string.Join(",", topics)}");
        }

        return ValueTask.CompletedTask;
    }

    public IAsyncEnumerable<ProxyFrame> ReadFramesAsync(CancellationToken cancellationToken = default) => _frames.Reader.ReadAllAsync(cancellationToken);

    public ValueTask DisposeAsync()
    {
        _frames.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
