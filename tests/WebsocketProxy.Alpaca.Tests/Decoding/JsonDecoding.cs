using System.Text;
using System.Text.Json;
using WebsocketProxy.Alpaca.Decoding;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

/// <summary>
/// Runs a decoder both ways the product can: over a <see cref="Utf8JsonReader"/> on the message's <c>{</c>, and as the
/// generated dispatcher calls it, through the decoder type's <c>ReadJson</c> (the hand-written span scanner) with the
/// message followed by more of a frame; checks that both give the same model and the contracts the dispatcher relies
/// on: the reader is left on the matching <c>}</c>, and the span decoder reports the object's exact length.
/// </summary>
internal static class JsonDecoding
{
    public delegate T Decoder<out T>(ref Utf8JsonReader json, AlpacaDecodeContext context);

    public delegate T SpanDecoder<out T>(ReadOnlySpan<byte> json, out int consumed, AlpacaDecodeContext context);

    public static T Read<T>(Decoder<T> decoder, string message, AlpacaDecodeContext? context = null)
    {
        context ??= new AlpacaDecodeContext();
        var bytes = Encoding.UTF8.GetBytes(message);
        var json = new Utf8JsonReader(bytes);
        Assert.True(json.Read());
        var value = decoder(ref json, context);
        Assert.Equal((JsonTokenType.EndObject, 0), (json.TokenType, json.CurrentDepth));
        Assert.False(json.Read(), "The decoder stopped before the end of the message.");
        if (SpanDecoderOf(decoder) is { } spanDecoder)
        {
            // As in a frame: more elements follow the object.
            var frame = Encoding.UTF8.GetBytes(message.TrimEnd() + """,{"T":"next"}]""");
            var fromSpan = spanDecoder(frame, out var consumed, context);
            Assert.Equal(Encoding.UTF8.GetByteCount(message.TrimEnd()), consumed);
            Assert.Equal(value, fromSpan);
        }

        return value;
    }

    /// <summary>
    /// The failure of a decoder on <paramref name="message"/>, which must be a clear <see cref="AlpacaDecodeException"/>
    /// (and a clear failure of the span decoder too: the same exception type, or <see cref="JsonException"/> for text
    /// that is not JSON).
    /// </summary>
    public static AlpacaDecodeException Fails<T>(Decoder<T> decoder, string message)
    {
        var error = Assert.Throws<AlpacaDecodeException>(() =>
        {
            var json = new Utf8JsonReader(Encoding.UTF8.GetBytes(message));
            Assert.True(json.Read());
            decoder(ref json, new AlpacaDecodeContext());
        });
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        if (SpanDecoderOf(decoder) is { } spanDecoder)
        {
            var spanError = Assert.ThrowsAny<Exception>(() => spanDecoder(Encoding.UTF8.GetBytes(message), out _, new AlpacaDecodeContext()));
            Assert.True(spanError is AlpacaDecodeException or JsonException, $"The span decoder failed with {spanError.GetType().Name}: {spanError.Message}");
            Assert.False(string.IsNullOrWhiteSpace(spanError.Message));
        }

        return error;
    }

    /// <summary>The <c>ReadJson</c> beside a decoder, if its type has one.</summary>
    public static SpanDecoder<T>? SpanDecoderOf<T>(Decoder<T> decoder)
    {
        var method = decoder.Method.DeclaringType?.GetMethod("ReadJson", [typeof(ReadOnlySpan<byte>), typeof(int).MakeByRefType(), typeof(AlpacaDecodeContext)]);
        return method is null || method.ReturnType != typeof(T) ? null : method.CreateDelegate<SpanDecoder<T>>();
    }
}
