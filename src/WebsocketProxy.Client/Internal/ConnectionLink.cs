using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client.Internal;

/// <summary>
/// This client's single hold on one proxy connection id, shared by every local handle that
/// <see cref="WebsocketProxyClient.OpenAsync"/> returned for the same options: the proxy sees one holder, frames
/// fan out to every handle, and the hold is released (CloseCommand) only when the last handle closes. Each
/// handle counts its own subscriptions; the proxy's per-client count is their sum. Each subscription template is
/// registered on the proxy once per link (and again on a new proxy), shared by the handles.
/// </summary>
internal sealed partial class ConnectionLink(long id, ProxyConnectionOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SubscriptionTemplate, TemplateRegistration> _templates = [];
    private ConnectionHandle[] _handles = [];
    private IWebsocketProxyCallback[] _callbacks = [];
    private int _lastTemplateId;
    private int _binding;
    private long _id = id;
    private bool _ended;
    private volatile bool _unbound;

    public long Id => Volatile.Read(ref _id);

    public ProxyConnectionOptions Options { get; } = options;

    /// <summary>No handle is open on it any more.</summary>
    public bool IsClosed => Volatile.Read(ref _handles).Length == 0;

    /// <summary>The connection ended (closed by the proxy, or released): no handle can join it any more.</summary>
    public bool HasEnded
    {
        get
        {
            lock (_gate)
            {
                return _ended;
            }
        }
    }

    public ConnectionHandle[] Handles => Volatile.Read(ref _handles);

    /// <summary>The callbacks of the clients whose handles hold the connection, each once (a client's callback is told once, however many handles it has).</summary>
    public IWebsocketProxyCallback[] Callbacks => Volatile.Read(ref _callbacks);

    /// <summary>Being restored on a new proxy: the id is stale until <see cref="Rebind"/>.</summary>
    public bool IsUnbound => _unbound;

    /// <summary>The id to put in a command: throws while the connection is being restored on a new proxy.</summary>
    public long BoundId => _unbound
        ? throw new WebsocketProxyException($"Connection {Id} is being restored on a new proxy; retry after its Reconnected frame.")
        : Id;

    /// <summary>
    /// Takes the id the connection has on a new proxy, which knows none of its templates; commands stay refused until
    /// <see cref="Bind"/>.
    /// </summary>
    public void Rebind(long id)
    {
        lock (_gate)
        {
            _templates.Clear();
            _lastTemplateId = 0;
            _binding++;
            Volatile.Write(ref _id, id);
        }
    }

    /// <summary>
    /// The id <paramref name="template"/> has on the proxy for this connection, registering it first (posting the
    /// registration with <paramref name="post"/>) when it has none. The registration is posted before the id is
    /// handed to anyone, so every command that carries the id follows it in the ring. A refused registration is
    /// forgotten, so that the next use tries again (and hears why).
    /// </summary>
    public TemplateRegistration RegisterTemplate(SubscriptionTemplate template, Func<Func<long, Command>, Task<Reply>> post)
    {
        lock (_gate)
        {
            if (_templates.TryGetValue(template, out var known))
            {
                return known;
            }

            var templateId = ++_lastTemplateId;
            var connectionId = Id;
            var registration = new TemplateRegistration(templateId, post(c => new RegisterTemplateCommand(c, connectionId, templateId, template)), _binding);
            _templates[template] = registration;
            _ = ForgetIfRefusedAsync(template, registration);
            return registration;
        }
    }

    /// <summary>Restored: its subscriptions are replayed (posted), so commands on it may follow.</summary>
    public void Bind() => _unbound = false;

    /// <summary>The proxy went away: the id is stale until <see cref="Rebind"/>, and commands on it fail.</summary>
    public void Unbind() => _unbound = true;

    private async Task ForgetIfRefusedAsync(SubscriptionTemplate template, TemplateRegistration registration)
    {
        try
        {
            await registration.Registered.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whoever uses the registration hears its failure; here it is only forgotten.
        catch
#pragma warning restore CA1031
        {
            lock (_gate)
            {
                if (_templates.TryGetValue(template, out var current) && current == registration)
                {
                    _templates.Remove(template);
                }
            }
        }
    }

    /// <summary>Whether the link has been rebound to a new proxy since <paramref name="registration"/> was made (its id means nothing there).</summary>
    public bool ReboundSince(TemplateRegistration registration)
    {
        lock (_gate)
        {
            return registration.Binding != _binding;
        }
    }

    /// <summary>Adds a handle; <see langword="false"/> when the link has ended.</summary>
    public bool TryAdd(ConnectionHandle handle)
    {
        lock (_gate)
        {
            if (_ended)
            {
                return false;
            }

            _handles = [.. _handles, handle];
            UpdateCallbacks();
            return true;
        }
    }

    /// <summary>Removes a handle; <see langword="true"/> when it was there.</summary>
    public bool Remove(ConnectionHandle handle)
    {
        lock (_gate)
        {
            var before = _handles.Length;
            _handles = [.. _handles.Where(h => h != handle)];
            UpdateCallbacks();
            return _handles.Length != before;
        }
    }

    /// <summary>Marks the link ended and returns the handles it still had.</summary>
    public ConnectionHandle[] End()
    {
        lock (_gate)
        {
            _ended = true;
            var handles = _handles;
            _handles = [];
            UpdateCallbacks();
            return handles;
        }
    }

    /// <summary>An upstream message for every handle; readers of all handles share one copy.</summary>
    public void DeliverData(ReadOnlyMemory<byte> payload, System.Net.WebSockets.WebSocketMessageType messageType)
    {
        ReadOnlyMemory<byte>? copy = null;
        foreach (var handle in Handles)
        {
            handle.DeliverData(payload, messageType, ref copy);
        }
    }

    /// <summary>An event for every handle; a Closed frame ends the link.</summary>
    public void Deliver(ProxyFrame frame)
    {
        var handles = frame.Kind == ProxyFrameKind.Closed ? End() : Handles;
        foreach (var handle in handles)
        {
            handle.Deliver(frame with { ConnectionId = Id });
        }
    }

    /// <summary>No more frames for any handle.</summary>
    public void MarkClosed()
    {
        foreach (var handle in End())
        {
            handle.MarkClosed();
        }
    }

    private void UpdateCallbacks() =>
        Volatile.Write(ref _callbacks, [.. _handles.Select(h => h.Owner.Options.Callback).OfType<IWebsocketProxyCallback>().Distinct()]);

    /// <summary>A template's id on the proxy, the reply to its registration, and which proxy (the link's binding) it was made on.</summary>
    public readonly record struct TemplateRegistration(int Id, Task<Reply> Registered, int Binding);
}
