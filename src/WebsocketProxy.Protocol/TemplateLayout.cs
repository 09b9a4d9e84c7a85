using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using WebsocketProxy.Client;

namespace WebsocketProxy.Protocol;

/// <summary>
/// One side (subscribe or unsubscribe) of a <see cref="SubscriptionTemplate"/>, split at its placeholders, so that
/// the size of what it renders is known before anything is rendered. The client (for an early error) and the proxy
/// (before any count changes) measure with it, and the proxy renders with it, one message at a time.
/// </summary>
/// <remarks>
/// A template may repeat <see cref="SubscriptionTemplate.TopicPlaceholder"/> any number of times, so a command far
/// under the command ring's limit could otherwise ask the proxy for gigabytes. Messages are filled greedily: a message
/// takes topics until <see cref="SubscriptionTemplate.MaxTopicsPerMessage"/> or <see cref="MaxMessageBytes"/> would be
/// exceeded, so the byte limit only refuses a single topic that alone renders past it.
/// </remarks>
public sealed class TemplateLayout
{
    /// <summary>
    /// Largest upstream message the proxy renders. Alpaca's largest real subscribe (every US symbol, ~12,000, in one
    /// message) is under 100 KiB; with the default 100 topics per message a message is about 1 KiB.
    /// </summary>
    public const int MaxMessageBytes = 1 << 20;

    /// <summary>
    /// Most bytes one subscribe or unsubscribe command may render in all its messages together: 100,000 topics
    /// (<c>CommandCodec.MaxTopicsPerCommand</c>) of ~20 bytes each, plus the template around every chunk, fit easily.
    /// </summary>
    public const long MaxCommandBytes = 16L << 20;

    // Minimal escaping (quotes, backslashes, control characters): payloads go to a WebSocket, never into HTML.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly byte[] _prefix;
    private readonly byte[] _suffix;
    private readonly byte[][] _formatParts;
    private readonly byte[] _separator;
    private readonly TopicEncoding _encoding;
    private readonly ProxyMessageFormat _format;
    private readonly int _maxTopics;
    private readonly int _maxMessageBytes;
    private readonly long _formatFixedBytes;

    /// <summary>Splits a template that <see cref="SubscriptionTemplateValidator.Validate"/> accepted.</summary>
    /// <param name="template">The template.</param>
    /// <param name="subscribe">Which side: <see langword="true"/> for <see cref="SubscriptionTemplate.Subscribe"/>.</param>
    /// <param name="maxMessageBytes">The largest upstream message it may render, measured as the JSON text it is written as.</param>
    /// <param name="format">
    /// How rendered messages go upstream: as text, or converted to MessagePack (the template must then pass
    /// <see cref="SubscriptionTemplateValidator.ValidateFormat"/>).
    /// </param>
    public TemplateLayout(SubscriptionTemplate template, bool subscribe, int maxMessageBytes = MaxMessageBytes, ProxyMessageFormat format = ProxyMessageFormat.Text)
    {
        var text = subscribe ? template.Subscribe : template.Unsubscribe;
        var at = text.IndexOf(SubscriptionTemplate.TopicsPlaceholder, StringComparison.Ordinal);
        _prefix = Encoding.UTF8.GetBytes(text[..at]);
        _suffix = Encoding.UTF8.GetBytes(text[(at + SubscriptionTemplate.TopicsPlaceholder.Length)..]);
        _formatParts = [.. template.TopicFormat.Split(SubscriptionTemplate.TopicPlaceholder).Select(Encoding.UTF8.GetBytes)];
        _separator = Encoding.UTF8.GetBytes(template.Separator);
        _encoding = template.Encoding;
        _format = format;
        _maxTopics = template.MaxTopicsPerMessage;
        _maxMessageBytes = maxMessageBytes;
        _formatFixedBytes = _formatParts.Sum(p => (long)p.Length);
        Side = subscribe ? "subscribe" : "unsubscribe";
    }

    /// <summary>"subscribe" or "unsubscribe", for messages.</summary>
    internal string Side { get; }

    private long EnvelopeBytes => _prefix.Length + (long)_suffix.Length;

    /// <summary>
    /// Checks that <paramref name="topics"/> render within the limits: no single topic's message over the message
    /// limit, and all messages together at most <paramref name="maxTotalBytes"/>. Returns why not, or null.
    /// </summary>
    /// <param name="topics">The topics.</param>
    /// <param name="maxTotalBytes">The most bytes all messages may take together.</param>
    /// <returns>Why the topics do not fit, or <see langword="null"/> when they do.</returns>
    public string? Check(IEnumerable<string> topics, long maxTotalBytes)
    {
        long total = 0;
        long message = 0;
        var count = 0;
        var topicCount = 0;
        foreach (var topic in topics)
        {
            topicCount++;
            var item = ItemBytes(Encode(topic));
            if (EnvelopeBytes + item > _maxMessageBytes)
            {
                return $"Topic '{Shorten(topic)}' alone renders to a {EnvelopeBytes + item}-byte {Side} message; the proxy sends at most {_maxMessageBytes} bytes per upstream message.";
            }

            if (count > 0 && !Fits(count, message, item))
            {
                total += message;
                count = 0;
            }

            message = count == 0 ? EnvelopeBytes + item : message + _separator.Length + item;
            count++;
            if (total + message > maxTotalBytes)
            {
                return $"The {Side} messages for the first {topicCount} of these topics already take more than {maxTotalBytes} bytes, the most one command may make the proxy send upstream; split the topics over several commands or shorten the template.";
            }
        }

        return null;
    }

    /// <summary>
    /// Renders <paramref name="topics"/> one message at a time, as UTF-8 text or as MessagePack (the layout's format).
    /// Each element is only valid until the next is requested (buffers are reused), so memory stays at one message
    /// however many topics there are.
    /// </summary>
    /// <param name="topics">Topics that <see cref="Check"/> accepted.</param>
    /// <returns>The messages, lazily.</returns>
    public IEnumerable<ReadOnlyMemory<byte>> Render(IReadOnlyList<string> topics)
    {
        if (_format == ProxyMessageFormat.Text)
        {
            return RenderText(topics);
        }

        return RenderMessagePack(topics);
    }

    private IEnumerable<ReadOnlyMemory<byte>> RenderMessagePack(IReadOnlyList<string> topics)
    {
        var packed = new ArrayBufferWriter<byte>(256);
        foreach (var text in RenderText(topics))
        {
            packed.ResetWrittenCount();
            if (!MessagePackJson.TryFromJson(text.Span, packed, out var error))
            {
                // ValidateFormat accepted the template and topics go in as JSON strings: this cannot happen.
                throw new InvalidOperationException($"A rendered {Side} message is not JSON: {error}");
            }

            yield return packed.WrittenMemory;
        }
    }

    private IEnumerable<ReadOnlyMemory<byte>> RenderText(IReadOnlyList<string> topics)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        long message = 0;
        var count = 0;
        foreach (var topic in topics)
        {
            var encoded = Encode(topic);
            var item = ItemBytes(encoded);
            if (count > 0 && !Fits(count, message, item))
            {
                buffer.Write(_suffix);
                yield return buffer.WrittenMemory;
                buffer.ResetWrittenCount();
                count = 0;
            }

            if (count == 0)
            {
                buffer.Write(_prefix);
                message = EnvelopeBytes;
            }
            else
            {
                buffer.Write(_separator);
                message += _separator.Length;
            }

            WriteItem(buffer, encoded);
            message += item;
            count++;
        }

        if (count > 0)
        {
            buffer.Write(_suffix);
            yield return buffer.WrittenMemory;
        }
    }

    /// <summary>How a topic is escaped before it replaces <see cref="SubscriptionTemplate.TopicPlaceholder"/>.</summary>
    /// <param name="topic">The topic.</param>
    /// <returns>The topic as the template's encoding writes it.</returns>
    internal string Encode(string topic) =>
        _encoding == TopicEncoding.JsonString ? JsonSerializer.Serialize(topic, Json) : topic;

    private bool Fits(int count, long message, long item) =>
        count < _maxTopics && message + _separator.Length + item <= _maxMessageBytes;

    private long ItemBytes(string encoded) =>
        _formatFixedBytes + ((_formatParts.Length - 1) * (long)Encoding.UTF8.GetByteCount(encoded));

    private void WriteItem(ArrayBufferWriter<byte> buffer, string encoded)
    {
        for (var i = 0; i < _formatParts.Length; i++)
        {
            if (i > 0)
            {
                var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(encoded.Length));
                buffer.Advance(Encoding.UTF8.GetBytes(encoded, span));
            }

            buffer.Write(_formatParts[i]);
        }
    }

    private static string Shorten(string topic) => topic.Length <= 40 ? topic : topic[..40] + "…";
}
