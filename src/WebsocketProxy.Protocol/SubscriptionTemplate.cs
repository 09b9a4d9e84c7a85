namespace WebsocketProxy.Client;

/// <summary>
/// Describes, as data, how the proxy builds subscribe and unsubscribe payloads for a set of topics.
/// The proxy counts subscribers per (<see cref="Group"/>, topic) across all local clients, and only
/// sends upstream the topics whose count crosses zero, at most <see cref="MaxTopicsPerMessage"/> per message.
/// </summary>
/// <example>
/// Alpaca bars: <c>Group = "bars"</c>, <c>Subscribe = {"action":"subscribe","bars":[{topics}]}</c>,
/// <c>Unsubscribe = {"action":"unsubscribe","bars":[{topics}]}</c>, <c>TopicFormat = "{topic}"</c> with
/// <see cref="TopicEncoding.JsonString"/>, <c>Separator = ","</c>.
/// </example>
public sealed record SubscriptionTemplate
{
    /// <summary>The placeholder in <see cref="Subscribe"/> and <see cref="Unsubscribe"/> replaced by the topic list.</summary>
    public const string TopicsPlaceholder = "{topics}";

    /// <summary>The placeholder in <see cref="TopicFormat"/> replaced by one topic.</summary>
    public const string TopicPlaceholder = "{topic}";

    /// <summary>
    /// Reference counts are kept per group and topic. A group has one template per connection, shared by every
    /// client: subscribing with a different template for a group already in use there is refused (a
    /// <c>WebsocketProxyException</c> naming the group), never a silent change of how others' topics are rendered.
    /// </summary>
    public required string Group { get; init; }

    /// <summary>The subscribe message, containing <see cref="TopicsPlaceholder"/> exactly once.</summary>
    public required string Subscribe { get; init; }

    /// <summary>The unsubscribe message, containing <see cref="TopicsPlaceholder"/> exactly once.</summary>
    public required string Unsubscribe { get; init; }

    /// <summary>How one topic is rendered inside the list; contains <see cref="TopicPlaceholder"/>.</summary>
    public string TopicFormat { get; init; } = TopicPlaceholder;

    /// <summary>How a topic is escaped before it replaces <see cref="TopicPlaceholder"/>.</summary>
    public TopicEncoding Encoding { get; init; } = TopicEncoding.JsonString;

    /// <summary>Placed between two rendered topics.</summary>
    public string Separator { get; init; } = ",";

    /// <summary>No upstream message carries more topics than this (chunking).</summary>
    public int MaxTopicsPerMessage { get; init; } = 100;
}
