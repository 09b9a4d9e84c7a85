using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using WebsocketProxy.Protocol;
using WebsocketProxy.Server.Upstream;

namespace WebsocketProxy.Server.Tests.Upstream;

/// <summary>Collects what an upstream connection delivers, as lines tests can wait for.</summary>
internal sealed class RecordingEvents : IUpstreamEvents
{
    private readonly Channel<(string Line, byte[] Payload, WebSocketMessageType Type, long Argument)> _events = Channel.CreateUnbounded<(string, byte[], WebSocketMessageType, long)>();
    private readonly List<string> _seen = [];

    public void OnMessage(long connectionId, WebSocketMessageType messageType, ReadOnlySpan<byte> payload) =>
        Add(messageType == WebSocketMessageType.Text ? "data " + Encoding.UTF8.GetString(payload) : $"binary {payload.Length}", payload.ToArray(), messageType, 0);

    /// <summary>Runs on the connection's thread as an event is published, before it is recorded: what a client could do at that moment.</summary>
    public Action<EventKind>? OnPublished { get; set; }

    public void OnEvent(EventKind kind, long connectionId, long argument, string? message)
    {
        OnPublished?.Invoke(kind);
        Add($"{kind} {message}".TrimEnd(), [], WebSocketMessageType.Text, argument);
    }

    public async Task<(string Line, byte[] Payload, WebSocketMessageType Type, long Argument)> WaitForAsync(Func<string, bool> predicate, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            while (true)
            {
                var item = await _events.Reader.ReadAsync(cts.Token);
                if (predicate(item.Line))
                {
                    return item;
                }
            }
        }
        catch (OperationCanceledException)
        {
            lock (_seen)
            {
                throw new TimeoutException($"No matching upstream event. Seen: [{string.Join(" | ", _seen)}]");
            }
        }
    }

    public IReadOnlyList<string> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    private void Add(string line, byte[] payload, WebSocketMessageType type, long argument)
    {
        lock (_seen)
        {
            _seen.Add(line);
        }

        _events.Writer.TryWrite((line, payload, type, argument));
    }
}
