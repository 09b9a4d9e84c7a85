using WebsocketProxy.Client;

namespace WebsocketProxy.Server.Topics;

/// <summary>
/// Reference counts per (group, topic) across clients of one upstream connection. Every method returns the
/// upstream payloads its change needs: a subscribe only for topics whose count left zero, an unsubscribe only
/// for topics whose count reached zero. Not thread-safe: the owning connection serialises calls.
/// </summary>
internal sealed class TopicRegistry
{
    private readonly Dictionary<string, GroupState> _groups = new(StringComparer.Ordinal);

    /// <summary><see langword="true"/> while no topic has a subscriber.</summary>
    public bool IsEmpty => _groups.Values.All(g => g.Topics.Count == 0);

    public List<string> Subscribe(long clientId, SubscriptionTemplate template, IEnumerable<string> topics)
    {
        var group = GetGroup(template);
        var added = new List<string>();
        foreach (var topic in topics.Distinct(StringComparer.Ordinal))
        {
            if (!group.Topics.TryGetValue(topic, out var holders))
            {
                holders = [];
                group.Topics[topic] = holders;
                added.Add(topic);
            }

            holders[clientId] = holders.GetValueOrDefault(clientId) + 1;
        }

        return added.Count == 0 ? [] : TemplateRenderer.Render(group.Template, subscribe: true, added);
    }

    public List<string> Unsubscribe(long clientId, SubscriptionTemplate template, IEnumerable<string> topics)
    {
        var group = GetGroup(template);
        var removed = new List<string>();
        foreach (var topic in topics.Distinct(StringComparer.Ordinal))
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
                removed.Add(topic);
            }
        }

        return removed.Count == 0 ? [] : TemplateRenderer.Render(group.Template, subscribe: false, removed);
    }

    /// <summary>Drops every count <paramref name="clientId"/> held (it closed the connection or died).</summary>
    public List<string> ReleaseClient(long clientId)
    {
        var messages = new List<string>();
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
                messages.AddRange(TemplateRenderer.Render(group.Template, subscribe: false, removed));
            }
        }

        return messages;
    }

    /// <summary>Subscribe payloads for every active topic: what a fresh upstream session needs.</summary>
    public List<string> RenderAll()
    {
        var messages = new List<string>();
        foreach (var group in _groups.Values.Where(g => g.Topics.Count > 0))
        {
            messages.AddRange(TemplateRenderer.Render(group.Template, subscribe: true, [.. group.Topics.Keys]));
        }

        return messages;
    }

    /// <summary>Each active topic with its number of subscribing clients, for status reports.</summary>
    public List<(string Group, string Topic, int Clients)> Snapshot() =>
        [.. _groups.SelectMany(g => g.Value.Topics.Select(t => (g.Key, t.Key, t.Value.Count)))];

    private GroupState GetGroup(SubscriptionTemplate template)
    {
        if (!_groups.TryGetValue(template.Group, out var group))
        {
            group = new GroupState(template);
            _groups[template.Group] = group;
        }
        else
        {
            // The latest template wins so that a client can fix a group's payload format.
            group.Template = template;
        }

        return group;
    }

    private sealed class GroupState(SubscriptionTemplate template)
    {
        public SubscriptionTemplate Template { get; set; } = template;

        public Dictionary<string, Dictionary<long, int>> Topics { get; } = new(StringComparer.Ordinal);
    }
}
