using WebsocketProxy.Client;

namespace WebsocketProxy.Protocol;

/// <summary>Checks a <see cref="SubscriptionTemplate"/> on both sides of the wire.</summary>
public static class SubscriptionTemplateValidator
{
    /// <summary>Returns why the template cannot be used, or <see langword="null"/> when it can.</summary>
    /// <param name="template">The template.</param>
    /// <returns>The reason, or <see langword="null"/>.</returns>
    public static string? Validate(SubscriptionTemplate template)
    {
        if (string.IsNullOrEmpty(template.Group))
        {
            return "A subscription template needs a group.";
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
