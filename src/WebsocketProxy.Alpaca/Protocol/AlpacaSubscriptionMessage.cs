using System.Buffers;
using System.Text.Json;

namespace WebsocketProxy.Alpaca.Protocol;

/// <summary>
/// Builds a subscribe or unsubscribe message naming several channels at once, for example
/// <c>{"action":"subscribe","trades":["AAPL"],"quotes":["AAPL","MSFT"]}</c>. Channels with no topics are left
/// out, as the server allows. Send one message per frame: two in one frame get error 400.
/// </summary>
public static class AlpacaSubscriptionMessage
{
    /// <summary>The <c>subscribe</c> message for <paramref name="topicsByChannel"/>.</summary>
    public static byte[] Subscribe(IEnumerable<KeyValuePair<AlpacaChannel, IReadOnlyCollection<string>>> topicsByChannel) =>
        Build("subscribe"u8, topicsByChannel);

    /// <summary>The <c>unsubscribe</c> message for <paramref name="topicsByChannel"/>.</summary>
    public static byte[] Unsubscribe(IEnumerable<KeyValuePair<AlpacaChannel, IReadOnlyCollection<string>>> topicsByChannel) =>
        Build("unsubscribe"u8, topicsByChannel);

    private static byte[] Build(ReadOnlySpan<byte> action, IEnumerable<KeyValuePair<AlpacaChannel, IReadOnlyCollection<string>>> topicsByChannel)
    {
        ArgumentNullException.ThrowIfNull(topicsByChannel);
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("action"u8, action);
            foreach (var (channel, topics) in topicsByChannel)
            {
                ArgumentNullException.ThrowIfNull(channel);
                ArgumentNullException.ThrowIfNull(topics);
                if (topics.Count == 0)
                {
                    continue;
                }

                writer.WriteStartArray(channel.Key);
                foreach (var topic in topics)
                {
                    if (string.IsNullOrEmpty(topic))
                    {
                        throw new ArgumentException($"A topic (symbol) of channel '{channel.Key}' is empty.", nameof(topicsByChannel));
                    }

                    writer.WriteStringValue(topic);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
