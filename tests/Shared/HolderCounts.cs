namespace WebsocketProxy.Tests.Shared;

/// <summary>
/// What a connection handle and the proxy do together with subscriptions, for fake connections: count the holders of
/// each (group, topic) and say which topics upstream would hear about (a first holder arrives, the last one leaves).
/// </summary>
internal sealed class HolderCounts
{
    private readonly Dictionary<(string Group, string Topic), int> _counts = [];

    /// <summary>The holders of a topic now.</summary>
    public int Count(string group, string topic)
    {
        lock (_counts)
        {
            return _counts.GetValueOrDefault((group, topic));
        }
    }

    /// <summary>
    /// Counts a subscribe or an unsubscribe (an unsubscribe of a topic nobody holds changes nothing) and returns the
    /// topics whose first holder arrived or whose last holder left, in order; empty when upstream hears nothing.
    /// </summary>
    public string[] Change(bool subscribe, string group, IReadOnlyCollection<string> topics)
    {
        lock (_counts)
        {
            var changed = new List<string>();
            foreach (var topic in topics.Distinct(StringComparer.Ordinal))
            {
                var count = _counts.GetValueOrDefault((group, topic));
                if (!subscribe && count == 0)
                {
                    continue;
                }

                var next = count + (subscribe ? 1 : -1);
                if (next == 0)
                {
                    _counts.Remove((group, topic));
                }
                else
                {
                    _counts[(group, topic)] = next;
                }

                if ((subscribe && count == 0) || (!subscribe && next == 0))
                {
                    changed.Add(topic);
                }
            }

            return [.. changed];
        }
    }
}
