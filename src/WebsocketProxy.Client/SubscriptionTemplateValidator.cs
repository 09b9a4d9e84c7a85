namespace WebsocketProxy.Client;

/// <summary>Checks a <see cref="SubscriptionTemplate"/> on both sides of the wire.</summary>
internal static class SubscriptionTemplateValidator
{
    /// <summary>Returns why the template cannot be used, or <see langword="null"/> when it can.</summary>
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
