using System.Text;
using System.Text.Json;
using WebsocketProxy.Alpaca.Decoding;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

/// <summary>
/// Runs a decoder as the generated dispatcher calls it: the reader on the message's <c>{</c>, a context for
/// interning; and checks the contract the dispatcher relies on: the reader is left on the matching <c>}</c>.
/// </summary>
internal static class JsonDecoding
{
    public delegate T Decoder<out T>(ref Utf8JsonReader json, AlpacaDecodeContext context);

    public static T Read<T>(Decoder<T> decoder, string message, AlpacaDecodeContext? context = null)
    {
        var json = new Utf8JsonReader(Encoding.UTF8.GetBytes(message));
        Assert.True(json.Read());
        var value = decoder(ref json, context ?? new AlpacaDecodeContext());
        Assert.Equal((JsonTokenType.EndObject, 0), (json.TokenType, json.CurrentDepth));
        Assert.False(json.Read(), "The decoder stopped before the end of the message.");
        return value;
    }

    /// <summary>The failure of a decoder on <paramref name="message"/>, which must be a clear <see cref="AlpacaDecodeException"/>.</summary>
    public static AlpacaDecodeException Fails<T>(Decoder<T> decoder, string message)
    {
        var error = Assert.Throws<AlpacaDecodeException>(() => Read(decoder, message));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }
}
