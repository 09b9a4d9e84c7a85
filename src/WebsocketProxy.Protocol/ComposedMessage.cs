using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using WebsocketProxy.Client;

namespace WebsocketProxy.Protocol;

/// <summary>
/// Puts a message the proxy composes (a prelude message, a rendered subscribe or unsubscribe) into its
/// <see cref="ProxyMessageFormat"/>: text as it is, or JSON converted to MessagePack.
/// </summary>
public static class ComposedMessage
{
    /// <summary>The WebSocket frame type messages of <paramref name="format"/> travel in.</summary>
    /// <param name="format">The format.</param>
    /// <returns>Text for <see cref="ProxyMessageFormat.Text"/>, binary for <see cref="ProxyMessageFormat.MessagePack"/>.</returns>
    public static WebSocketMessageType FrameType(ProxyMessageFormat format) =>
        format == ProxyMessageFormat.MessagePack ? WebSocketMessageType.Binary : WebSocketMessageType.Text;

    /// <summary>Encodes one composed message.</summary>
    /// <param name="message">The message as written (JSON for <see cref="ProxyMessageFormat.MessagePack"/>).</param>
    /// <param name="format">The format.</param>
    /// <returns>The payload.</returns>
    /// <exception cref="ArgumentException">The format is MessagePack and the message is not one valid JSON value (the message itself is not quoted: preludes hold secrets).</exception>
    public static byte[] Encode(string message, ProxyMessageFormat format)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = Encoding.UTF8.GetBytes(message);
        if (format != ProxyMessageFormat.MessagePack)
        {
            return text;
        }

        var output = new ArrayBufferWriter<byte>(text.Length);
        return MessagePackJson.TryFromJson(text, output, out var error) ? output.WrittenSpan.ToArray() : throw new ArgumentException(error, nameof(message));
    }
}
