using System.Buffers;
using WebsocketProxy.Client;

namespace WebsocketProxy.Protocol;

/// <summary>Checks a <see cref="SubscriptionTemplate"/> on both sides of the wire.</summary>
public static class SubscriptionTemplateValidator
{
    /// <summary>The longest <see cref="SubscriptionTemplate.Group"/>, in characters.</summary>
    public const int MaxGroupLength = 256;

    /// <summary>
    /// The longest subscribe, unsubscribe, topic format or separator text, in characters: real templates are tens of
    /// characters, and the proxy keeps every registered template for the life of the registration.
    /// </summary>
    public const int MaxTextLength = 16 * 1024;

    /// <summary>Returns why the template cannot be used, or <see langword="null"/> when it can.</summary>
    /// <param name="template">The template.</param>
    /// <returns>The reason, or <see langword="null"/>.</returns>
    public static string? Validate(SubscriptionTemplate template)
    {
        if (string.IsNullOrEmpty(template.Group))
        {
            return "A subscription template needs a group.";
        }

        if (template.Group.Length > MaxGroupLength)
        {
            return $"A subscription template's group is {template.Group.Length} characters; at most {MaxGroupLength} are allowed.";
        }

        if (LongestText(template) is { } longest)
        {
            return $"A subscription template's {longest.Name} is {longest.Length} characters; at most {MaxTextLength} are allowed.";
        }

        if (CountOf(template.Subscribe, SubscriptionTemplate.TopicsPlaceholder) != 1)
        {
            return $"The subscribe template must contain {SubscriptionTemplate.TopicsPlaceholder} exactly once.";
        }

        if (CountOf(template.Unsubscribe, SubscriptionTemplate.TopicsPlaceholder) != 1)
        {
            return $"The unsubscribe template must contain {SubscriptionTemplate.TopicsPlaceholder} exactly once.";
        }

        if (CountOf(template.TopicFormat, SubscriptionTemplate.TopicPlaceholder) < 1)
        {
            return $"The topic format must contain {SubscriptionTemplate.TopicPlaceholder}.";
        }

        if (!Enum.IsDefined(template.Encoding))
        {
            return $"Topic encoding {(int)template.Encoding} is not known.";
        }

        return template.MaxTopicsPerMessage < 1 ? "MaxTopicsPerMessage must be at least 1." : null;
    }

    /// <summary>
    /// Returns why a template that <see cref="Validate"/> accepted cannot be sent in <paramref name="format"/>, or
    /// <see langword="null"/> when it can. For <see cref="ProxyMessageFormat.MessagePack"/> the proxy converts every
    /// rendered message from JSON, so topics must go in as JSON strings and what the template renders must be JSON.
    /// </summary>
    /// <param name="template">The template.</param>
    /// <param name="format">The connection's <see cref="ProxyConnectionOptions.MessageFormat"/>.</param>
    /// <returns>The reason, or <see langword="null"/>.</returns>
    public static string? ValidateFormat(SubscriptionTemplate template, ProxyMessageFormat format)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (format != ProxyMessageFormat.MessagePack)
        {
            return null;
        }

        if (template.Encoding != TopicEncoding.JsonString)
        {
            return $"Group '{template.Group}': a connection that sends MessagePack needs templates that insert topics as JSON strings (TopicEncoding.JsonString), not {template.Encoding}.";
        }

        // One topic and two (the separator too) on each side: if these are JSON, any topics are, since each goes in
        // as an escaped JSON string at the same places.
        string[][] samples = [["A"], ["A", "B"]];
        foreach (var subscribe in new[] { true, false })
        {
            var layout = new TemplateLayout(template, subscribe);
            foreach (var sample in samples)
            {
                foreach (var message in layout.Render(sample))
                {
                    if (!MessagePackJson.TryFromJson(message.Span, new ArrayBufferWriter<byte>(), out var error))
                    {
                        return $"Group '{template.Group}': the {layout.Side} template does not render JSON, so it cannot be sent as MessagePack. {error}";
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Returns why the topics cannot be used, or <see langword="null"/> when they can.</summary>
    /// <param name="topics">The topics.</param>
    /// <returns>The reason, or <see langword="null"/>.</returns>
    public static string? ValidateTopics(IEnumerable<string> topics)
    {
        foreach (var topic in topics)
        {
            if (string.IsNullOrEmpty(topic))
            {
                return "A topic must not be empty.";
            }
        }

        return null;
    }

    /// <summary>
    /// Returns why the proxy would refuse to render <paramref name="topics"/> with a valid <paramref name="template"/>
    /// (a message or the whole command too large, on either side), or <see langword="null"/> when it would not.
    /// The client checks every topic of a command; the proxy only the ones it will send, so the client errs first.
    /// </summary>
    /// <param name="template">A template <see cref="Validate"/> accepted.</param>
    /// <param name="topics">The topics.</param>
    /// <returns>The reason, or <see langword="null"/>.</returns>
    public static string? ValidateRenderedSize(SubscriptionTemplate template, IReadOnlyCollection<string> topics) =>
        new TemplateLayout(template, subscribe: true).Check(topics, TemplateLayout.MaxCommandBytes)
        ?? new TemplateLayout(template, subscribe: false).Check(topics, TemplateLayout.MaxCommandBytes);

    private static (string Name, int Length)? LongestText(SubscriptionTemplate template)
    {
        (string Name, string? Text)[] texts =
        [
            (nameof(SubscriptionTemplate.Subscribe), template.Subscribe),
            (nameof(SubscriptionTemplate.Unsubscribe), template.Unsubscribe),
            (nameof(SubscriptionTemplate.TopicFormat), template.TopicFormat),
            (nameof(SubscriptionTemplate.Separator), template.Separator),
        ];
        foreach (var (name, text) in texts)
        {
            if (text?.Length > MaxTextLength)
            {
                return (name, text.Length);
            }
        }

        return null;
    }

    private static int CountOf(string? text, string placeholder)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var count = 0;
        for (var index = text.IndexOf(placeholder, StringComparison.Ordinal); index >= 0; index = text.IndexOf(placeholder, index + placeholder.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
