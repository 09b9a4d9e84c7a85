using WebsocketProxy.Client;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Server.Topics;

/// <summary>
/// The templates and the reference counts per (group, topic) across clients of one upstream connection. A client
/// registers each template once under an id of its choosing (<see cref="RegisterTemplate"/>) and names it by that id
/// afterwards. A group has one template: the first registered, kept while any client has it registered; a different
/// one for the same group is refused, so no client can change how another client's topics are rendered.
/// Every change returns the upstream payloads it needs: a subscribe only for topics whose count left zero, an
/// unsubscribe only for topics whose count reached zero. Payloads are rendered lazily, one message at a time, as the
/// caller enumerates them (each is valid until the next is taken). A change whose payloads would exceed the rendering
/// limits (<see cref="TemplateLayout"/>) is refused with an <see cref="ArgumentException"/> before any count moves.
/// Not thread-safe: the owning connection serialises calls.
/// </summary>
internal sealed class TopicRegistry
{
    private readonly Dictionary<string, GroupState> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Dictionary<int, GroupState>> _templatesByClient = [];
    private readonly int _maxMessageBytes;
    private readonly long _maxCommandBytes;
    private readonly ProxyMessageFormat _format;

    /// <param name="maxMessageBytes">The largest upstream message, as JSON text.</param>
    /// <param name="maxCommandBytes">The most bytes one command may render.</param>
    /// <param name="format">How the connection sends what templates render: templates that cannot be sent so are refused.</param>
    public TopicRegistry(int maxMessageBytes = TemplateLayout.MaxMessageBytes, long maxCommandBytes = TemplateLayout.MaxCommandBytes, ProxyMessageFormat format = ProxyMessageFormat.Text)
    {
        _maxMessageBytes = maxMessageBytes;
        _maxCommandBytes = maxCommandBytes;
        _format = format;
    }

    /// <summary><see langword="true"/> while no topic has a subscriber.</summary>
    public bool IsEmpty => _groups.Values.All(g => g.Topics.Count == 0);

    /// <summary>
    /// Registers <paramref name="template"/> for <paramref name="clientId"/> under <paramref name="templateId"/>;
    /// registering an equal template under the same id again changes nothing.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The group has a different template, the id is taken by a different template, or the client has registered
    /// <see cref="RegisterTemplateCommand.MaxTemplatesPerClient"/> templates already, or the template cannot be sent
    /// in the connection's <see cref="ProxyMessageFormat"/>.
    /// </exception>
    public void RegisterTemplate(long clientId, int templateId, SubscriptionTemplate template)
    {
        var templates = _templatesByClient.GetValueOrDefault(clientId);
        if (templates?.GetValueOrDefault(templateId) is { } registered)
        {
            if (registered.Template != template)
            {
                throw new ArgumentException($"Template id {templateId} is already registered by this client for group '{registered.Template.Group}' with another template; register a different template under a new id.");
            }

            return;
        }

        if (templates?.Count >= RegisterTemplateCommand.MaxTemplatesPerClient)
        {
            throw new ArgumentException($"This client has registered {templates.Count} templates on this connection, the most one client may; reuse the templates it has (a template is registered once per connection, not per subscribe).");
        }

        var group = _groups.GetValueOrDefault(template.Group);
        if (group is not null && group.Template != template)
        {
            throw new ArgumentException(
                $"Group '{template.Group}' already has a different subscription template on this connection (its {FirstDifference(group.Template, template)} differs); " +
                "a group has one template, whoever registered it first: use the same template for the group, or another group name.");
        }

        if (group is null)
        {
            if (SubscriptionTemplateValidator.ValidateFormat(template, _format) is { } error)
            {
                throw new ArgumentException(error);
            }

            group = new GroupState(template, new TemplateLayout(template, subscribe: true, _maxMessageBytes, _format), new TemplateLayout(template, subscribe: false, _maxMessageBytes, _format));
            _groups[template.Group] = group;
        }

        if (templates is null)
        {
            templates = [];
            _templatesByClient[clientId] = templates;
        }

        templates[templateId] = group;
        group.Registrations++;
    }

    public IEnumerable<ReadOnlyMemory<byte>> Subscribe(long clientId, int templateId, IEnumerable<string> topics)
    {
        var group = Registered(clientId, templateId);
        var distinct = topics.Distinct(StringComparer.Ordinal).ToList();
        List<string> added = [.. distinct.Where(t => !group.Topics.ContainsKey(t))];

        // Everything is checked before anything is counted: a refused command changes nothing.
        Throw(group.Subscribe.Check(added, _maxCommandBytes));
        Throw(group.Unsubscribe.Check(added, long.MaxValue));
        foreach (var topic in distinct)
        {
            if (!group.Topics.TryGetValue(topic, out var holders))
            {
                holders = [];
                group.Topics[topic] = holders;
            }

            holders[clientId] = holders.GetValueOrDefault(clientId) + 1;
        }

        return added.Count == 0 ? [] : group.Subscribe.Render(added);
    }

    public IEnumerable<ReadOnlyMemory<byte>> Unsubscribe(long clientId, int templateId, IEnumerable<string> topics)
    {
        var group = Registered(clientId, templateId);
        var distinct = topics.Distinct(StringComparer.Ordinal).ToList();
        List<string> removed = [.. distinct.Where(t => group.Topics.TryGetValue(t, out var holders) && holders.Count == 1 && holders.GetValueOrDefault(clientId) == 1)];

        Throw(group.Unsubscribe.Check(removed, _maxCommandBytes));
        foreach (var topic in distinct)
        {
            if (!group.Topics.TryGetValue(topic, out var holders) || !holders.TryGetValue(clientId, out var count))
            {
                continue;
            }

            if (count > 1)
            {
                holders[clientId] = count - 1;
                continue;
            }

            holders.Remove(clientId);
            if (holders.Count == 0)
            {
                group.Topics.Remove(topic);
            }
        }

        return removed.Count == 0 ? [] : group.Unsubscribe.Render(removed);
    }

    /// <summary>Drops every count and template registration <paramref name="clientId"/> held (it closed the connection or died).</summary>
    public IEnumerable<ReadOnlyMemory<byte>> ReleaseClient(long clientId)
    {
        var renders = new List<IEnumerable<ReadOnlyMemory<byte>>>();
        foreach (var group in _groups.Values)
        {
            var removed = new List<string>();
            foreach (var (topic, holders) in group.Topics)
            {
                if (holders.Remove(clientId) && holders.Count == 0)
                {
                    removed.Add(topic);
                }
            }

            foreach (var topic in removed)
            {
                group.Topics.Remove(topic);
            }

            if (removed.Count > 0)
            {
                renders.Add(group.Unsubscribe.Render(removed));
            }
        }

        if (_templatesByClient.Remove(clientId, out var templates))
        {
            foreach (var group in templates.Values)
            {
                // A group nobody has registered holds no topic either (subscribing needs a registration): it goes,
                // and the next client to register the group chooses its template anew.
                if (--group.Registrations == 0)
                {
                    _groups.Remove(group.Template.Group);
                }
            }
        }

        // Counts are released now, whether or not the caller sends the payloads.
        return renders.SelectMany(r => r);
    }

    /// <summary>Subscribe payloads for every active topic: what a fresh upstream session needs.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> RenderAll() =>
        _groups.Values.Where(g => g.Topics.Count > 0).ToList().SelectMany(g => g.Subscribe.Render([.. g.Topics.Keys]));

    /// <summary>Each active topic with its number of subscribing clients, for status reports.</summary>
    public List<(string Group, string Topic, int Clients)> Snapshot() =>
        [.. _groups.SelectMany(g => g.Value.Topics.Select(t => (g.Key, t.Key, t.Value.Count)))];

    private GroupState Registered(long clientId, int templateId) =>
        _templatesByClient.GetValueOrDefault(clientId)?.GetValueOrDefault(templateId)
        ?? throw new ArgumentException($"Template id {templateId} is not registered by this client on this connection; register the template (RegisterTemplate) before subscribing with its id.");

    /// <summary>The name of the first property in which two templates of one group differ, for the error message.</summary>
    private static string FirstDifference(SubscriptionTemplate kept, SubscriptionTemplate offered) =>
        kept.Subscribe != offered.Subscribe ? nameof(SubscriptionTemplate.Subscribe)
        : kept.Unsubscribe != offered.Unsubscribe ? nameof(SubscriptionTemplate.Unsubscribe)
        : kept.TopicFormat != offered.TopicFormat ? nameof(SubscriptionTemplate.TopicFormat)
        : kept.Encoding != offered.Encoding ? nameof(SubscriptionTemplate.Encoding)
        : kept.Separator != offered.Separator ? nameof(SubscriptionTemplate.Separator)
        : nameof(SubscriptionTemplate.MaxTopicsPerMessage);

    private static void Throw(string? error)
    {
        if (error is not null)
        {
            throw new ArgumentException(error);
        }
    }

    /// <summary>One group: its template, fixed while any client has it registered, and the counts of its topics.</summary>
    private sealed class GroupState(SubscriptionTemplate template, TemplateLayout subscribe, TemplateLayout unsubscribe)
    {
        public SubscriptionTemplate Template { get; } = template;

        public TemplateLayout Subscribe { get; } = subscribe;

        public TemplateLayout Unsubscribe { get; } = unsubscribe;

        /// <summary>(client, template id) pairs naming this group.</summary>
        public int Registrations { get; set; }

        public Dictionary<string, Dictionary<long, int>> Topics { get; } = new(StringComparer.Ordinal);
    }
}
