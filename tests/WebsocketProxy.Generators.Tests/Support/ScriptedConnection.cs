using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using WebsocketProxy.Client;

namespace WebsocketProxy.Generators.Tests.Support;

/// <summary>A unit seam for the proxy: on the first subscribe it emits the scripted frames, so data follows the subscription deterministically.</summary>
internal sealed class ScriptedConnection : IProxyConnection
{
    private readonly Channel<ProxyFrame> _frames = Channel.CreateUnbounded<ProxyFrame>();
    private readonly (byte[] Payload, WebSocketMessageType Type)[] _script;

    /// <summary>Text frames of JSON.</summary>
    public ScriptedConnection(params string[] frames)
        => _script = [.. frames.Select(f => (Encoding.UTF8.GetBytes(f), WebSocketMessageType.Text))];

    private ScriptedConnection((byte[] Payload, WebSocketMessageType Type)[] script) => _script = script;

    /// <summary>Binary frames, as a MessagePack server (or one sending JSON in binary frames) sends them.</summary>
    public static ScriptedConnection Binary(params byte[][] frames)
        => new([.. frames.Select(f => (f, WebSocketMessageType.Binary))]);

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

        foreach (var (payload, type) in _script)
        {
            _frames.Writer.TryWrite(new ProxyFrame(ProxyFrameKind.Data, Id, payload, type));
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
