using System.Buffers;
using System.Text;
using System.Text.Json;

namespace WebsocketProxy.Alpaca.Protocol;

/// <summary>
/// A subscribe or unsubscribe message for one channel as data: UTF-8 text with a placeholder where the
/// topic list goes, for example <c>{"action":"subscribe","trades":[{topics}]}</c> (the
/// placeholder the Streaming runtime's templates use). The proxy renders it per
/// chunk of symbols after reference counting; the typed layer renders it per request.
/// </summary>
public sealed class AlpacaSubscriptionTemplate
{
    private readonly byte[] _template;
    private readonly int _placeholderIndex;

    private AlpacaSubscriptionTemplate(string action, string channelKey, byte[] template)
    {
        Action = action;
        ChannelKey = channelKey;
        _template = template;
        _placeholderIndex = template.AsSpan().IndexOf(Placeholder);
    }

    /// <summary>The placeholder the topic list replaces: a comma-separated list of JSON strings.</summary>
    public static ReadOnlySpan<byte> Placeholder => "{topics}"u8;

    /// <summary><c>subscribe</c> or <c>unsubscribe</c>.</summary>
    public string Action { get; }

    /// <summary>The channel key, for example <c>trades</c>.</summary>
    public string ChannelKey { get; }

    /// <summary>The template text in UTF-8.</summary>
    public ReadOnlyMemory<byte> Utf8Template => _template;

    /// <summary>The bytes before the topic list.</summary>
    public ReadOnlySpan<byte> Prefix => _template.AsSpan(0, _placeholderIndex);

    /// <summary>The bytes after the topic list.</summary>
    public ReadOnlySpan<byte> Suffix => _template.AsSpan(_placeholderIndex + Placeholder.Length);

    /// <summary>Renders the message for <paramref name="topics"/> (symbols, or <c>*</c>), JSON-escaping each.</summary>
    /// <exception cref="ArgumentException">A topic is empty.</exception>
    public byte[] Render(IEnumerable<string> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var buffer = new ArrayBufferWriter<byte>(_template.Length + 64);
        buffer.Write(Prefix);
        var first = true;
        foreach (var topic in topics)
        {
            if (string.IsNullOrEmpty(topic))
            {
                throw new ArgumentException("A topic (symbol) must not be empty.", nameof(topics));
            }

            if (!first)
            {
                buffer.Write(","u8);
            }

            first = false;
            buffer.Write("\""u8);
            buffer.Write(JsonEncodedText.Encode(topic).EncodedUtf8Bytes);
            buffer.Write("\""u8);
        }

        buffer.Write(Suffix);
        return buffer.WrittenSpan.ToArray();
    }

    /// <inheritdoc />
    public override string ToString() => Encoding.UTF8.GetString(_template);

    internal static AlpacaSubscriptionTemplate Create(string action, string channelKey) =>
        new(action, channelKey, Encoding.UTF8.GetBytes($"{{\"action\":\"{action}\",\"{channelKey}\":[{{topics}}]}}"));
}
