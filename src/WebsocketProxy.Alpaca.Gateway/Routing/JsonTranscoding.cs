using System.Buffers;
using WebsocketProxy.Alpaca.Gateway.Codec;

namespace WebsocketProxy.Alpaca.Gateway.Routing;

/// <summary>
/// The one seam between routing and the MessagePack -> JSON transcoder: every JSON client's message goes through
/// <see cref="Transcode"/>, once per upstream frame, shared by every JSON client that gets it.
/// </summary>
internal static class JsonTranscoding
{
    /// <summary>Writes one MessagePack message map as the JSON Alpaca would have sent for it.</summary>
    /// <exception cref="FormatException">The bytes are not one valid MessagePack value.</exception>
    public static void Transcode(ReadOnlySpan<byte> messagePack, IBufferWriter<byte> json) =>
        AlpacaMessagePackToJson.Transcode(messagePack, json);
}
