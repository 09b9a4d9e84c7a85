using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using WebsocketProxy.Client.Protocol;

namespace WebsocketProxy.Client.Internal;

/// <summary>
/// A client's handle on one upstream connection: forwards commands, fans the connection's frames out to every
/// attached handler (inline, on the receive thread) and every <see cref="ReadFramesAsync"/> reader (each a
/// bounded channel that drops and then reports a Gap), and
/// remembers its subscriptions so they can be restored on a new proxy.
/// </summary>
internal sealed partial class ProxyConnection : IProxyConnection
{
    private readonly WebsocketProxyClient _client;
    private readonly Lock _gate = new();
    private readonly Dictionary<SubscriptionTemplate, Dictionary<string, int>> _subscriptions = [];
    private FrameReader[] _readers = [];
    private FrameHandlerRegistration[] _handlers = [];
    private long _id;
    private volatile bool _closed;
    private volatile bool _unbound;

    public ProxyConnection(WebsocketProxyClient client, long id, bool isNew, ProxyConnectionOptions options)
    {
        _client = client;
        _id = id;
        IsNew = isNew;
        Options = options;
    }

    public long Id => Volatile.Read(ref _id);

    public bool IsNew { get; }

    public Uri Url => Options.Url;

    public ProxyConnectionOptions Options { get; }

    public bool IsClosed => _closed;

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, WebSocketMessageType messageType = WebSocketMessageType.Text, CancellationToken cancellationToken = default)
    {
        if (messageType is not (WebSocketMessageType.Text or WebSocketMessageType.Binary))
        {
            throw new ArgumentOutOfRangeException(nameof(messageType), "Only text and binary messages can be sent.");
        }

        return new ValueTask(_client.RequestAsync(c => new SendCommand(c, BoundId, messageType, message), cancellationToken));
    }

    public ValueTask SubscribeAsync(SubscriptionTemplate template, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default) =>
        new(ChangeAsync(template, topics, subscribe: true, cancellationToken));

    public ValueTask UnsubscribeAsync(SubscriptionTemplate template, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default) =>
        new(ChangeAsync(template, topics, subscribe: false, cancellationToken));

    public IAsyncEnumerable<ProxyFrame> ReadFramesAsync(CancellationToken cancellationToken = default)
    {
        // Registered now, not at the first MoveNextAsync, so no frame between this call and enumeration is missed.
        var reader = new FrameReader(_client.Options.FrameBufferCapacity);
        lock (_gate)
        {
            if (_closed)
            {
                reader.Complete();
            }
            else
            {
                // Every reader starts knowing the connection is open (it joined after the open completed).
                reader.Write(new ProxyFrame(ProxyFrameKind.Opened, Id, ReadOnlyMemory<byte>.Empty, Message: IsNew ? "Opened." : "Joined an open connection."));
                _readers = [.. _readers, reader];
            }
        }

        return ReadAsync(reader, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        if (_closed)
        {
            return ValueTask.CompletedTask;
        }

        if (_unbound)
        {
            // Being restored: its old id means nothing on the new proxy. Closed here, recovery does not restore it.
            MarkClosed();
            return ValueTask.CompletedTask;
        }

        return new ValueTask(_client.CloseAsync(Id));
    }

    private async IAsyncEnumerable<ProxyFrame> ReadAsync(FrameReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in reader.Channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return frame;
            }
        }
        finally
        {
            lock (_gate)
            {
                _readers = [.. _readers.Where(r => r != reader)];
            }
        }
    }

    private async Task ChangeAsync(SubscriptionTemplate template, IReadOnlyCollection<string> topics, bool subscribe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(topics);
        var error = SubscriptionTemplateValidator.Validate(template) ?? SubscriptionTemplateValidator.ValidateTopics(topics);
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(template));
        }

        var list = topics.ToArray();
        await _client.RequestAsync(c => new SubscriptionCommand(c, subscribe, BoundId, template, list), cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (!_subscriptions.TryGetValue(template, out var counts))
            {
                counts = new Dictionary<string, int>(StringComparer.Ordinal);
                _subscriptions[template] = counts;
            }

            foreach (var topic in list.Distinct(StringComparer.Ordinal))
            {
                var count = counts.GetValueOrDefault(topic) + (subscribe ? 1 : -1);
                if (count > 0)
                {
                    counts[topic] = count;
                }
                else
                {
                    counts.Remove(topic);
                }
            }
        }
    }
}
