using WebsocketProxy.Client;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Server.Topics;

/// <summary>
/// Reference counts per (group, topic) across clients of one upstream connection. Every method returns the
/// upstream payloads its change needs: a subscribe only for topics whose count left zero, an unsubscribe only
/// for topics whose count reached zero. Payloads are rendered lazily, one message at a time, as the caller
/// enumerates them (each is valid until the next is taken). A change whose payloads would exceed the rendering
/// limits (<see cref="TemplateLayout"/>) is refused with an <see cref="ArgumentException"/> before any count moves.
/// Not thread-safe: the owning connection serialises calls.
/// </summary>
internal sealed class TopicRegistry
{
    private readonly Dictionary<string, GroupState> _groups = new(StringComparer.Ordinal);
    private readonly int _maxMessageBytes;
    private readonly long _maxCommandBytes;

    public TopicRegistry(int maxMessageBytes = TemplateLayout.MaxMessageBytes, long maxCommandBytes = TemplateLayout.MaxCommandBytes)
    {
        _maxMessageBytes = maxMessageBytes;
        _maxCommandBytes = maxCommandBytes;
    }

    /// <summary><see langword="true"/> while no topic has a subscriber.</summary>
    public bool IsEmpty => _groups.Values.All(g => g.Topics.Count == 0);

    public IEnumerable<ReadOnlyMemory<byte>> Subscribe(long clientId, SubscriptionTemplate template, IEnumerable<string> topics)
    {
        var distinct = topics.Distinct(StringComparer.Ordinal).ToList();
        var group = _groups.GetValueOrDefault(template.Group);
        List<string> added = [.. distinct.Where(t => group is null || !group.Topics.ContainsKey(t))];

        // Everything is checked before anything is counted: a refused command changes nothing.
        var (subscribe, unsubscribe) = Layouts(template);
        Throw(subscribe.Check(added, _maxCommandBytes));
        Throw(unsubscribe.Check(added, long.MaxValue));
        CheckTemplateChange(group, template);

        group = Commit(group, template, subscribe, unsubscribe);
        foreach (var topic in distinct)
        {
            if (!group.Topics.TryGetValue(topic, out var holders))
            {
                holders = [];
                group.Topics[topic] = holders;
            }

            holders[clientId] = holders.GetValueOrDefault(clientId) + 1;
        }

        return added.Count == 0 ? [] : subscribe.Render(added);
    }

    public IEnumerable<ReadOnlyMemory<byte>> Unsubscribe(long clientId, SubscriptionTemplate template, IEnumerable<string> topics)
    {
        var distinct = topics.Distinct(StringComparer.Ordinal).ToList();
        var group = _groups.GetValueOrDefault(template.Group);
        List<string> removed = group is null
            ? []
            : [.. distinct.Where(t => group.Topics.TryGetValue(t, out var holders) && holders.Count == 1 && holders.GetValueOrDefault(clientId) == 1)];

        var (subscribe, unsubscribe) = Layouts(template);
        Throw(unsubscribe.Check(removed, _maxCommandBytes));
        CheckTemplateChange(group, template);

        group = Commit(group, template, subscribe, unsubscribe);
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

        return removed.Count == 0 ? [] : unsubscribe.Render(removed);
    }

    /// <summary>Drops every count <paramref name="clientId"/> held (it closed the connection or died).</summary>
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

        // Counts are released now, whether or not the caller sends the payloads.
        return renders.SelectMany(r => r);
    }

    /// <summary>Subscribe payloads for every active topic: what a fresh upstream session needs.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> RenderAll() =>
        _groups.Values.Where(g => g.Topics.Count > 0).ToList().SelectMany(g => g.Subscribe.Render([.. g.Topics.Keys]));

    /// <summary>Each active topic with its number of subscribing clients, for status reports.</summary>
    public List<(string Group, string Topic, int Clients)> Snapshot() =>
        [.. _groups.SelectMany(g => g.Value.Topics.Select(t => (g.Key, t.Key, t.Value.Count)))];

    private (TemplateLayout Subscribe, TemplateLayout Unsubscribe) Layouts(SubscriptionTemplate template) =>
        (new TemplateLayout(template, subscribe: true, _maxMessageBytes), new TemplateLayout(template, subscribe: false, _maxMessageBytes));

    /// <summary>
    /// The latest template wins so that a client can fix a group's payload format; the topics the group already
    /// holds are rendered with it from then on (on reconnect, on release), so each of them must fit it too.
    /// </summary>
    private void CheckTemplateChange(GroupState? group, SubscriptionTemplate template)
    {
        if (group is null || group.Topics.Count == 0 || group.Template == template)
        {
            return;
        }

        var (subscribe, unsubscribe) = Layouts(template);
        foreach (var topic in group.Topics.Keys)
        {
            Throw(subscribe.Check([topic], long.MaxValue) ?? unsubscribe.Check([topic], long.MaxValue));
        }
    }

    private GroupState Commit(GroupState? group, SubscriptionTemplate template, TemplateLayout subscribe, TemplateLayout unsubscribe)
    {
        if (group is null)
        {
            group = new GroupState(template, subscribe, unsubscribe);
            _groups[template.Group] = group;
        }
        else if (group.Template != template)
        {
            group.Template = template;
            group.Subscribe = subscribe;
            group.Unsubscribe = unsubscribe;
        }

        return group;
    }

    private static void Throw(string? error)
    {
        if (error is not null)
        {
            throw new ArgumentException(error);
        }
    }

    private sealed class GroupState(SubscriptionTemplate template, TemplateLayout subscribe, TemplateLayout unsubscribe)
    {
        public SubscriptionTemplate Template { get; set; } = template;

        public TemplateLayout Subscribe { get; set; } = subscribe;

        public TemplateLayout Unsubscribe { get; set; } = unsubscribe;

        public Dictionary<string, Dictionary<long, int>> Topics { get; } = new(StringComparer.Ordinal);
    }
}
