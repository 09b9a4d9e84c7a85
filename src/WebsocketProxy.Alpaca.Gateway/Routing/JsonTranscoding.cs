using System.Buffers;
using System.Text;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Alpaca.Gateway.Routing;

/// <summary>
/// The one seam between routing and the MessagePack -> JSON transcoder: every JSON client's message goes through
/// <see cref="Transcode"/>, once per upstream frame, shared by every JSON client that gets it.
/// </summary>
internal static class JsonTranscoding
{
    /// <summary>Writes one MessagePack message map as the JSON Alpaca would have sent for it.</summary>
    /// <exception cref="FormatException">The bytes are not one valid MessagePack value.</exception>
    public static void Transcode(ReadOnlySpan<byte> messagePack, IBufferWriter<byte> json)
    {
        // Stand-in until the Alpaca transcoder (Codec/AlpacaMessagePackToJson) is in: the generic converter of the
        // protocol library, which prints timestamps as "ext(-1):hex" rather than RFC 3339.
        if (!MessagePackJson.TryToJson(messagePack, out var text))
        {
            throw new FormatException("An upstream message is not valid MessagePack.");
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        json.Write(bytes);
    }
}
