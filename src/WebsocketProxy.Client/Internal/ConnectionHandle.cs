using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client.Internal;

/// <summary>
/// One handle <see cref="WebsocketProxyClient.OpenAsync"/> returned: forwards commands, fans the connection's
/// frames out to every attached handler (inline, on the receive thread) and every <see cref="ReadFramesAsync"/>
/// reader (each a buffer bounded in data frames, which drops data and then reports a Gap, and always keeps
/// events), and counts its own subscriptions, so that closing it releases exactly those and they can be restored
/// on a new proxy. Handles opened with the same options share one <see cref="ConnectionLink"/>.
/// </summary>
internal sealed partial class ConnectionHandle : IProxyConnection
{
    private readonly WebsocketProxyClient _client;
    private readonly ConnectionLink _link;
    private readonly Lock _gate = new();
    private readonly Dictionary<SubscriptionTemplate, Dictionary<string, int>> _subscriptions = [];
    private FrameReader[] _readers = [];
    private FrameHandlerRegistration[] _handlers = [];
    private volatile bool _closed;
    private bool _closing;

    public ConnectionHandle(WebsocketProxyClient client, ConnectionLink link, bool isNew, ProxyConnectionOptions options)
    {
        _client = client;
        _link = link;
        IsNew = isNew;
        Options = options;
    }

    public long Id => _link.Id;

    public ConnectionLink Link => _link;

    /// <summary>The client that opened this handle: its options, callback and logger apply to it.</summary>
    public WebsocketProxyClient Owner => _client;

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

        var id = _link.BoundId;
        return new ValueTask(_client.RequestAsync(c => new SendCommand(c, id, messageType, message), cancellationToken));
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
                reader.Abandon();
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

    /// <summary>Closes this handle: its own subscriptions are released; the connection closes with the last handle.</summary>
    public ValueTask DisposeAsync() => _closed ? ValueTask.CompletedTask : new ValueTask(_client.CloseHandleAsync(this));

    private async IAsyncEnumerable<ProxyFrame> ReadAsync(FrameReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in reader.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                reader.Taken(frame);
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
        var error = SubscriptionTemplateValidator.Validate(template) ?? SubscriptionTemplateValidator.ValidateTopics(topics)
            ?? SubscriptionTemplateValidator.ValidateRenderedSize(template, [.. topics.Distinct(StringComparer.Ordinal)]);
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(template));
        }

        cancellationToken.ThrowIfCancellationRequested();
        string[] changed;
        Task request;
        ConnectionLink.TemplateRegistration registration;
        lock (_gate)
        {
            if (_closed || _closing)
            {
                throw new WebsocketProxyException($"Connection {Id} is closed.");
            }

            // Counted and posted under one lock, so the commands of this handle reach the proxy in the order they
            // were counted, and an unsubscribe never releases a count this handle does not hold (another handle
            // of this client may hold the topic: the proxy counts per client).
            changed = subscribe ? [.. topics.Distinct(StringComparer.Ordinal)] : [.. topics.Distinct(StringComparer.Ordinal).Where(t => Count(template, t) > 0)];
            if (changed.Length == 0)
            {
                return;
            }

            var id = _link.BoundId;
            registration = _link.RegisterTemplate(template, _client.PostAsync);
            Apply(template, changed, subscribe ? 1 : -1);
            var templateId = registration.Id;
            request = _client.PostAsync(c => new SubscriptionCommand(c, subscribe, id, templateId, changed));
        }

        try
        {
            await RegisteredThenAsync(registration.Registered, request).WaitAsync(_client.Options.RequestTimeout, _client.Options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (subscribe && ex is OperationCanceledException or TimeoutException or WebsocketProxyException)
        {
            // The command is posted: the proxy applies it even though the caller stopped waiting. A subscribe
            // that failed must leave nothing behind, so it is undone by an unsubscribe that follows it in the
            // ring. (An unsubscribe that failed stays applied: it is a release either way.)
            Compensate(template, changed, registration);
            if (ex is TimeoutException)
            {
                throw new WebsocketProxyException($"The proxy did not answer within {_client.Options.RequestTimeout.TotalSeconds:0.#} s.", ex);
            }

            throw;
        }
    }

    /// <summary>
    /// Waits for a template's registration, then for the command that used it: when the proxy refused the template
    /// (a group's other template, say), the caller hears that, not that the id is unknown.
    /// </summary>
    private static async Task RegisteredThenAsync(Task registered, Task request)
    {
        try
        {
            await registered.ConfigureAwait(false);
        }
        catch
        {
            // Refused for the same reason: observed, so that it is not reported as an unobserved task exception.
            _ = request.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }

        await request.ConfigureAwait(false);
    }

    private void Compensate(SubscriptionTemplate template, string[] topics, ConnectionLink.TemplateRegistration registration)
    {
        lock (_gate)
        {
            if (_closed || _closing)
            {
                // Closing released whatever this handle had counted, this subscribe included.
                return;
            }

            Apply(template, topics, -1);

            // While the connection is being restored the count is only dropped here: the new proxy is given what
            // this handle still counts when its subscriptions are replayed. Once restored, that replay included
            // this subscribe, so it is undone there, under the template's id on that proxy. On the same proxy, a
            // refused template counted nothing.
            if (!_link.IsUnbound)
            {
                var rebound = _link.ReboundSince(registration);
                if (rebound || !registration.Registered.IsFaulted)
                {
                    var id = _link.Id;
                    var templateId = rebound ? _link.RegisterTemplate(template, _client.PostAsync).Id : registration.Id;
                    _client.PostQuietly(c => new SubscriptionCommand(c, false, id, templateId, topics), "Undoing a failed subscribe");
                }
            }
        }
    }

    private int Count(SubscriptionTemplate template, string topic) =>
        _subscriptions.TryGetValue(template, out var counts) ? counts.GetValueOrDefault(topic) : 0;

    private void Apply(SubscriptionTemplate template, string[] topics, int delta)
    {
        if (!_subscriptions.TryGetValue(template, out var counts))
        {
            counts = new Dictionary<string, int>(StringComparer.Ordinal);
            _subscriptions[template] = counts;
        }

        foreach (var topic in topics)
        {
            var count = counts.GetValueOrDefault(topic) + delta;
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

    private List<(SubscriptionTemplate Template, string[] Topics)> Batches()
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

    /// <summary>
    /// Closes this handle for new commands and returns what it still counted; the caller releases those on the
    /// proxy (or closes the connection when this was the last handle). <see langword="null"/> when already closing.
    /// </summary>
    public List<(SubscriptionTemplate Template, string[] Topics)>? BeginClose()
    {
        lock (_gate)
        {
            if (_closing)
            {
                return null;
            }

            _closing = true;
            var batches = Batches();
            _subscriptions.Clear();
            return batches;
        }
    }
}
