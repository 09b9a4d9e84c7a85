using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using WebsocketProxy.Client;

namespace WebsocketProxy.Server.Topics;

/// <summary>Builds upstream subscribe/unsubscribe payloads from a <see cref="SubscriptionTemplate"/>, in chunks.</summary>
internal static class TemplateRenderer
{
    /// <summary>Renders <paramref name="topics"/> into messages of at most <see cref="SubscriptionTemplate.MaxTopicsPerMessage"/> topics each.</summary>
    public static List<string> Render(SubscriptionTemplate template, bool subscribe, IReadOnlyList<string> topics)
    {
        var messages = new List<string>();
        var text = subscribe ? template.Subscribe : template.Unsubscribe;
        for (var start = 0; start < topics.Count; start += template.MaxTopicsPerMessage)
        {
            var end = Math.Min(topics.Count, start + template.MaxTopicsPerMessage);
            var list = new StringBuilder();
            for (var i = start; i < end; i++)
            {
                if (i > start)
                {
                    list.Append(template.Separator);
                }

                list.Append(template.TopicFormat.Replace(SubscriptionTemplate.TopicPlaceholder, Encode(template.Encoding, topics[i]), StringComparison.Ordinal));
            }

            messages.Add(text.Replace(SubscriptionTemplate.TopicsPlaceholder, list.ToString(), StringComparison.Ordinal));
        }

        return messages;
    }

    // Minimal escaping (quotes, backslashes, control characters): payloads go to a WebSocket, never into HTML.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Encode(TopicEncoding encoding, string topic) =>
        encoding == TopicEncoding.JsonString ? JsonSerializer.Serialize(topic, Json) : topic;
}
